package io.matterflow.reminder;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code step_reminders}: the notices sent. db-scheduler runs a timer at least once (again after a node died while
 * running it); the row, inserted in the transaction that tells the people, makes the telling happen once. Of two
 * transactions inserting the same row, the second waits for the first and then inserts nothing.
 */
@Component
class SentReminders {

    private final JdbcTemplate jdbc;

    SentReminders(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the notice; false when it was sent before. */
    boolean record(UUID stepId, String stage, Instant dueAt, Instant now) {
        return jdbc.update("""
                insert into step_reminders (step_id, stage, due_at, sent_at) values (?, ?, ?, ?)
                on conflict do nothing
                """, stepId, stage, utc(dueAt), utc(now)) > 0;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
