package io.matterflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.matterflow.demo.DemoData;
import io.matterflow.directory.Directory;
import io.matterflow.support.H2Test;
import io.matterflow.support.TestFirm;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A mail server that takes no connection is the smtp component's UNREACHABLE, and neither the overall health nor
 * readiness goes DOWN for it (emails wait in the outbox); with a mail server there, smtp is UP. The outbox's backlog
 * is a gauge.
 */
@H2Test
@AutoConfigureMockMvc
@Timeout(120)
class SmtpHealthTests {

    static final int SMTP_PORT = freePort();

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    SmtpHealthIndicator smtp;
    @Autowired
    EmailOutbox outbox;
    @Autowired
    Directory directory;
    @Autowired
    MeterRegistry meters;
    @Autowired
    Clock clock;

    @Test
    void shouldStayUpAndReadyWhileTheMailServerIsAwayAndShowSmtpOnItsOwn() throws Exception {
        mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components.smtp.status").value("UNREACHABLE"))
                .andExpect(jsonPath("$.components.mail").doesNotExist());
        mvc.perform(get("/actuator/health/readiness"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components.smtp").doesNotExist());
        mvc.perform(get("/actuator/health").with(httpBasic(DemoData.ADMIN, DemoData.PASSWORD)))
                .andExpect(jsonPath("$.components.smtp.details.port").value(SMTP_PORT))
                .andExpect(jsonPath("$.components.smtp.details.error").exists());

        var greenMail = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        try {
            assertThat(smtp.check().getStatus()).isEqualTo(Status.UP);
        } finally {
            greenMail.stop();
        }
    }

    @Test
    void shouldGaugeTheUnsentEmailsAndHowLongTheOldestWaited() {
        double before = meters.get("notification.outbox.backlog").gauge().value();
        var firm = TestFirm.create(directory);
        for (var recipient : java.util.List.of(firm.owner(), firm.paralegal())) {
            outbox.enqueue(new EmailOutbox.NewEmail(firm.orgId(), recipient.id(), recipient.email(),
                    recipient.displayName(), UUID.randomUUID(), "READY", "Ready", "body", "summary", null, null, null),
                    clock.instant().minus(Duration.ofHours(1)));
        }
        assertThat(meters.get("notification.outbox.backlog").gauge().value()).isEqualTo(before + 2);
        assertThat(meters.get("notification.outbox.oldest.age").gauge().value()).isGreaterThanOrEqualTo(3600);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
