package io.matterflow;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Profile;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import io.matterflow.audit.AuditProperties;
import io.matterflow.demo.DemoData;
import io.matterflow.demo.DemoProperties;
import io.matterflow.directory.Directory;
import io.matterflow.webhook.WebhookProperties;

/**
 * The {@code prod} profile refuses to start with anything a demo leaves behind: demo seeding, the development audit
 * key, a development (or short) webhook secret, an embedded database, or a demo account that still has the demo
 * password.
 */
@Component
@Profile("prod")
class ProductionSafety implements InitializingBean {

    private final DemoProperties demo;
    private final AuditProperties audit;
    private final WebhookProperties webhooks;
    private final DataSource dataSource;
    private final Directory directory;
    private final PasswordEncoder passwords;

    ProductionSafety(DemoProperties demo, AuditProperties audit, WebhookProperties webhooks, DataSource dataSource,
                     Directory directory, PasswordEncoder passwords) {
        this.demo = demo;
        this.audit = audit;
        this.webhooks = webhooks;
        this.dataSource = dataSource;
        this.directory = directory;
        this.passwords = passwords;
    }

    @Override
    public void afterPropertiesSet() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("refusing to start with the prod profile: " + String.join("; ", problems));
        }
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (demo.seed() != DemoProperties.Seed.NEVER) {
            problems.add("matterflow.demo.seed must be NEVER");
        }
        if (AuditProperties.DEVELOPMENT_KEY.equals(audit.hmacKey()) || audit.hmacKey().length() < 32) {
            problems.add("matterflow.audit.hmac-key must be set to a secret of at least 32 characters");
        }
        for (String provider : webhooks.weakSecrets()) {
            problems.add("matterflow.webhooks.secrets." + provider + " must be a secret of at least 32 characters"
                    + " other than the development one (or blank, to turn the provider off)");
        }
        if (databaseProduct().contains("h2")) {
            problems.add("the prod profile needs PostgreSQL (set SPRING_DATASOURCE_URL)");
        } else {
            for (String email : List.of(DemoData.ADMIN, DemoData.LAWYER, DemoData.PARALEGAL, DemoData.CLIENT)) {
                directory.findUserByEmail(email)
                        .flatMap(user -> directory.passwordHash(user.id()))
                        .filter(hash -> passwords.matches(DemoData.PASSWORD, hash))
                        .ifPresent(hash -> problems.add(email + " still has the default password"));
            }
        }
        return problems;
    }

    private String databaseProduct() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database", e);
        }
    }
}
