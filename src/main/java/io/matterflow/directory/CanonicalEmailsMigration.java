package io.matterflow.directory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Schema version 9.1, "canonical emails": every stored email rewritten in its {@linkplain Emails#canonical canonical
 * form}, which the user lookup now compares with plain equality (so the existing unique constraint on
 * {@code users.email} is one on the canonical form). Earlier versions stored {@code email.toLowerCase()} in the
 * JVM's locale, neither trimmed nor NFKC-normalized. A Java migration, picked up by Boot's Flyway setup as a bean,
 * because NFKC has no SQL that works on both databases (H2 has no {@code normalize()}).
 * <p>
 * Two users whose emails become the same address stop the migration, and so the start, naming both: which account
 * to keep is a person's decision. Nothing is changed then (the migration runs in one transaction).
 */
@Component
class CanonicalEmailsMigration implements JavaMigration {

    private static final Logger log = LoggerFactory.getLogger(CanonicalEmailsMigration.class);

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("9.1");
    }

    @Override
    public String getDescription() {
        return "canonical emails";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        Map<String, List<UUID>> byCanonical = new TreeMap<>();
        Map<UUID, String> changed = new LinkedHashMap<>();
        try (Statement select = connection.createStatement();
             ResultSet rows = select.executeQuery("select id, email from users")) {
            while (rows.next()) {
                UUID id = rows.getObject("id", UUID.class);
                String email = rows.getString("email");
                String canonical = Emails.canonical(email);
                byCanonical.computeIfAbsent(canonical, k -> new ArrayList<>()).add(id);
                if (!canonical.equals(email)) {
                    changed.put(id, canonical);
                }
            }
        }
        List<String> problems = new ArrayList<>();
        byCanonical.forEach((canonical, ids) -> {
            if (ids.size() > 1) {
                problems.add("users " + ids + " all have the email " + canonical + " once normalized");
            }
            if (canonical.isEmpty() || canonical.length() > Emails.MAX_LENGTH) {
                problems.add("users " + ids + " would have an empty email or one longer than " + Emails.MAX_LENGTH
                        + " characters");
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Cannot store every email in its canonical form: "
                    + String.join("; ", problems) + ". Change the email of all but one of each, then start again.");
        }
        try (PreparedStatement update = connection.prepareStatement("update users set email = ? where id = ?")) {
            for (var entry : changed.entrySet()) {
                update.setString(1, entry.getValue());
                update.setObject(2, entry.getKey());
                update.addBatch();
            }
            if (!changed.isEmpty()) {
                update.executeBatch();
            }
        }
        if (!changed.isEmpty()) {
            log.info("Stored {} emails in their canonical form", changed.size());
        }
    }
}
