package io.matterflow;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

import io.matterflow.audit.AuditProperties;
import io.matterflow.demo.DemoData;
import io.matterflow.demo.DemoProperties;
import io.matterflow.directory.Directory;
import io.matterflow.support.PostgresTest;
import io.matterflow.webhook.WebhookProperties;

@PostgresTest
class ProductionSafetyOnPostgresTests {

    @Autowired
    DataSource dataSource;
    @Autowired
    Directory directory;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    DemoData demo;

    @Test
    void shouldRefuseDemoAccountsThatKeepTheDefaultPassword() {
        demo.seed();
        var safety = new ProductionSafety(new DemoProperties(DemoProperties.Seed.NEVER, null),
                new AuditProperties("a-long-and-secret-key-of-at-least-32-chars"), new WebhookProperties(null, null),
                dataSource, directory, passwords);
        assertThat(safety.problems()).containsExactly("admin@demo.law still has the default password",
                "lawyer@demo.law still has the default password", "paralegal@demo.law still has the default password",
                "client@demo.law still has the default password");
    }
}
