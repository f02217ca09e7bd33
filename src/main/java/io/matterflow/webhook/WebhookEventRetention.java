package io.matterflow.webhook;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.matterflow.scheduler.Prunable;
import io.matterflow.scheduler.PruneKind;

/**
 * Housekeeping of {@code webhook_events}. A row is written in the transaction that processes its event (applied, or
 * recorded as late), so every row is processed; those received before the cutoff are deleted. An event a provider sent
 * again after that would be taken as new: the retention is far longer than providers resend, and an old signature's
 * timestamp is refused anyway.
 */
@Component
class WebhookEventRetention implements Prunable {

    private final JdbcTemplate jdbc;

    WebhookEventRetention(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public PruneKind kind() {
        return PruneKind.WEBHOOK_EVENTS;
    }

    @Override
    public int deleteBatch(Instant cutoff, int limit) {
        OffsetDateTime before = OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC);
        return jdbc.update("""
                delete from webhook_events where id in (
                    select id from webhook_events where received_at < ? order by received_at limit ?)
                """, before, limit);
    }
}
