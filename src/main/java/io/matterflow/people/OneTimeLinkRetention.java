package io.matterflow.people;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.matterflow.scheduler.Prunable;
import io.matterflow.scheduler.PruneKind;

/**
 * Housekeeping of {@code user_tokens} (invitation and password-reset links): links that expired before the cutoff. A
 * link lives at most {@code matterflow.people.invitation-ttl} (72 hours by default), so one used or revoked earlier
 * goes at most that much later. Their audit events stay (the audit trail is never pruned).
 */
@Component
class OneTimeLinkRetention implements Prunable {

    private final JdbcTemplate jdbc;

    OneTimeLinkRetention(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public PruneKind kind() {
        return PruneKind.ONE_TIME_LINKS;
    }

    @Override
    public int deleteBatch(Instant cutoff, int limit) {
        OffsetDateTime before = OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC);
        return jdbc.update("""
                delete from user_tokens where id in (
                    select id from user_tokens where expires_at < ? order by expires_at limit ?)
                """, before, limit);
    }
}
