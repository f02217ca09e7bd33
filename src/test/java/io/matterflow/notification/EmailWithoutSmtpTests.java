package io.matterflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.TestPropertySource;

import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.directory.Directory;
import io.matterflow.support.H2Test;
import io.matterflow.support.TestFirm;
import io.matterflow.support.Workflows;

/** The embedded default has no mail server: READY emails are written to the log and count as sent, not lost. */
@H2Test
@Timeout(60)
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {
        "matterflow.notifications.sender-enabled=true",
        "matterflow.notifications.poll-interval=100ms",
        "logging.level.io.matterflow.notification.email=INFO"})
class EmailWithoutSmtpTests {

    @Autowired
    Directory directory;
    @Autowired
    FeatureFlags flags;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    org.springframework.beans.factory.ObjectProvider<JavaMailSender> mailSender;
    @Autowired
    Workflows workflows;

    @Test
    void shouldLogTheEmailAndMarkItSent(CapturedOutput output) {
        assertThat(mailSender.getIfAvailable()).as("no mail server configured").isNull();
        var firm = TestFirm.create(directory);
        flags.set(firm.as(firm.admin()), FeatureFlags.READY_EMAIL, true);
        var instance = workflows.instance(firm, "Logged run",
                Workflows.step("Check the conflicts register", ActionType.APPROVAL_LAWYER, RoleScope.PARALEGAL, true));
        UUID stepId = instance.steps().get(0).id();

        await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(
                jdbc.queryForObject("select status from email_outbox where step_id = ?", String.class, stepId)));
        assertThat(output.getAll()).contains("to " + firm.paralegal().email(), "Check the conflicts register",
                "Logged run", firm.matter().reference());
    }
}
