package io.matterflow.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * How far the outbox is behind, read at each scrape: {@code notification.outbox.backlog}, the emails not yet sent
 * (pending, those held back by the throttle and those waiting to be retried included), and
 * {@code notification.outbox.oldest.age}, how long the oldest of them has waited, in seconds (0 when none waits). A
 * backlog that grows while {@code smtp} is UNREACHABLE is the mail server's outage; one whose oldest email keeps
 * ageing with the server up is a sender that does not run. Either reads NaN while the database is away.
 */
@Component
class OutboxBacklogMetrics {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    OutboxBacklogMetrics(JdbcTemplate jdbc, Clock clock, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.clock = clock;
        Gauge.builder("notification.outbox.backlog", this, OutboxBacklogMetrics::backlog)
                .description("Emails in the outbox not yet sent").register(registry);
        Gauge.builder("notification.outbox.oldest.age", this, OutboxBacklogMetrics::oldestAgeSeconds)
                .description("How long the oldest unsent email has waited").baseUnit("seconds").register(registry);
    }

    double backlog() {
        try {
            return jdbc.queryForObject("select count(*) from email_outbox where status = 'PENDING'", Long.class);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    double oldestAgeSeconds() {
        try {
            OffsetDateTime oldest = jdbc.queryForObject(
                    "select min(created_at) from email_outbox where status = 'PENDING'", OffsetDateTime.class);
            if (oldest == null) {
                return 0;
            }
            return Math.max(0, Duration.between(oldest.toInstant(), clock.instant()).toMillis() / 1000.0);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
