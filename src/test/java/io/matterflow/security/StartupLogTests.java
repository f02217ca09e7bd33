package io.matterflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import io.matterflow.MatterflowApplication;

/**
 * Webhook secrets never reach the start-up log: the whole application starts, with debug logging of the
 * configuration and of Matterflow's own packages, with a long secret and a short one; neither value appears
 * anywhere in the output.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupLogTests {

    @Test
    void shouldNeverLogWebhookSecretsAtStartUp(CapturedOutput output) {
        String strong = "strong-" + UUID.randomUUID() + "-" + UUID.randomUUID();
        String weak = "weak-" + UUID.randomUUID().toString().substring(0, 8);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MatterflowApplication.class)
                .main(MatterflowApplication.class)
                .profiles("test")
                .properties("server.port=0",
                        // a fresh logging configuration, so that its console appender writes to the captured output
                        "logging.config=classpath:io/matterflow/security/logback-startup.xml",
                        "spring.datasource.url=jdbc:h2:mem:startup-" + UUID.randomUUID()
                                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                        "matterflow.webhooks.secrets.esign.acme=" + strong,
                        "matterflow.webhooks.secrets.payments.acme=" + weak,
                        "logging.level.io.matterflow=DEBUG",
                        "logging.level.org.springframework.boot.context.config=TRACE",
                        "logging.level.org.springframework.boot.context.properties=DEBUG",
                        "logging.level.org.springframework.core.env=DEBUG")
                .run()) {
            assertThat(context.isRunning()).isTrue();
        }
        assertThat(output.getAll()).contains("Started MatterflowApplication").doesNotContain(strong).doesNotContain(weak);
    }
}
