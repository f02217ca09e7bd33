package io.matterflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

import io.matterflow.audit.AuditProperties;
import io.matterflow.demo.DemoProperties;
import io.matterflow.directory.Directory;
import io.matterflow.support.H2Test;
import io.matterflow.webhook.WebhookProperties;

@H2Test
class ProductionSafetyTests {

    @Autowired
    DataSource dataSource;
    @Autowired
    Directory directory;
    @Autowired
    PasswordEncoder passwords;

    @Test
    void shouldRefuseDemoSeedingTheDevelopmentKeyAndAnEmbeddedDatabase() {
        var safety = new ProductionSafety(new DemoProperties(DemoProperties.Seed.AUTO, null), new AuditProperties(null),
                new WebhookProperties(Map.of("esign", Map.of("mock", "development-only-esign-mock-webhook-secret"),
                        "payments", Map.of("acme", "too-short", "mock", "")), null),
                dataSource, directory, passwords);
        assertThat(safety.problems()).containsExactly("matterflow.demo.seed must be NEVER",
                "matterflow.audit.hmac-key must be set to a secret of at least 32 characters",
                "matterflow.webhooks.secrets.esign.mock must be a secret of at least 32 characters other than the"
                        + " development one (or blank, to turn the provider off)",
                "matterflow.webhooks.secrets.payments.acme must be a secret of at least 32 characters other than the"
                        + " development one (or blank, to turn the provider off)",
                "the prod profile needs PostgreSQL (set SPRING_DATASOURCE_URL)");
    }

    @Test
    void shouldAcceptAProperConfigurationApartFromTheDatabase() {
        var safety = new ProductionSafety(new DemoProperties(DemoProperties.Seed.NEVER, null),
                new AuditProperties("a-long-and-secret-key-of-at-least-32-chars"),
                new WebhookProperties(Map.of("esign", Map.of("acme", "a-long-and-secret-webhook-secret-of-acme")), null),
                dataSource, directory, passwords);
        assertThat(safety.problems()).containsExactly("the prod profile needs PostgreSQL (set SPRING_DATASOURCE_URL)");
    }
}
