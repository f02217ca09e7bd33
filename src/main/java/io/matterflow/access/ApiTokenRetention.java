package io.matterflow.access;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.matterflow.scheduler.Prunable;
import io.matterflow.scheduler.PruneKind;

/**
 * Housekeeping of {@code api_tokens}: tokens that expired or were revoked before the cutoff, which no request can use
 * any more. Their audit events stay (the audit trail is never pruned) and keep naming the token's id.
 */
@Component
class ApiTokenRetention implements Prunable {

    private final JdbcTemplate jdbc;

    ApiTokenRetention(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public PruneKind kind() {
        return PruneKind.API_TOKENS;
    }

    @Override
    public int deleteBatch(Instant cutoff, int limit) {
        OffsetDateTime before = OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC);
        return jdbc.update("""
                delete from api_tokens where id in (
                    select id from api_tokens where expires_at < ? or revoked_at < ? limit ?)
                """, before, before, limit);
    }
}
