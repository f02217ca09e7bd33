package io.matterflow.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.matterflow.scheduler.Prunable;
import io.matterflow.scheduler.PruneKind;

/**
 * Housekeeping of {@code idempotency_keys}: answers stored before the cutoff, which is at least the 24 hours a key is
 * replayed for ({@link IdempotencyFilter}); a request repeating an older key would run as a new one, as it does now.
 */
@Component
class IdempotencyKeyRetention implements Prunable {

    private final JdbcTemplate jdbc;

    IdempotencyKeyRetention(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public PruneKind kind() {
        return PruneKind.IDEMPOTENCY_KEYS;
    }

    @Override
    public int deleteBatch(Instant cutoff, int limit) {
        OffsetDateTime before = OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC);
        return jdbc.update("""
                delete from idempotency_keys where (user_id, idempotency_key) in (
                    select user_id, idempotency_key from idempotency_keys where created_at < ? order by created_at
                    limit ?)
                """, before, limit);
    }
}
