package io.matterflow.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;

import io.matterflow.directory.Directory;
import io.matterflow.support.TestFirm;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Housekeeping deletes each kind of finished row after its retention, in batches, counts what it removed, and leaves
 * rows still in use. Its clock stands in 2001, so that only the rows planted here (in the 1990s) are old enough.
 * Run on H2 and PostgreSQL by the subclasses.
 */
abstract class HousekeepingScenarios {

    static final Instant NOW = Instant.parse("2001-01-01T00:00:00Z");
    static final Instant LONG_AGO = Instant.parse("1999-01-01T00:00:00Z");
    static final Instant RECENTLY = NOW.minus(Duration.ofHours(1));

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Directory directory;
    @Autowired
    List<Prunable> prunables;
    @Autowired
    RecurringTask<Void> housekeepingTask;

    @Test
    void shouldDeleteFinishedRowsAfterTheirRetentionInBatches() {
        var firm = TestFirm.create(directory);
        UUID user = firm.owner().id();
        UUID oldEvent = webhookEvent(LONG_AGO);
        UUID recentEvent = webhookEvent(RECENTLY);
        UUID expiredToken = apiToken(firm.orgId(), user, LONG_AGO.minus(Duration.ofDays(1)), LONG_AGO, null);
        UUID revokedToken = apiToken(firm.orgId(), user, LONG_AGO, NOW.plus(Duration.ofDays(30)), LONG_AGO);
        UUID liveToken = apiToken(firm.orgId(), user, LONG_AGO, NOW.plus(Duration.ofDays(30)), null);
        UUID recentlyRevoked = apiToken(firm.orgId(), user, LONG_AGO, NOW.plus(Duration.ofDays(30)), RECENTLY);
        UUID oldLink = link(firm.orgId(), user, LONG_AGO);
        UUID oldLink2 = link(firm.orgId(), user, LONG_AGO.plus(Duration.ofSeconds(1)));
        UUID oldLink3 = link(firm.orgId(), user, LONG_AGO.plus(Duration.ofSeconds(2)));
        UUID liveLink = link(firm.orgId(), user, NOW.plus(Duration.ofHours(1)));
        String oldKey = idempotencyKey(user, NOW.minus(Duration.ofHours(25)));
        String recentKey = idempotencyKey(user, RECENTLY);
        String source = "198.51.100." + UUID.randomUUID().toString().substring(0, 8);
        jdbc.update("insert into rate_limit_budgets (scope, subject, spent, updated_at, forget_at)"
                + " values ('sign-in-address', ?, 3, ?, ?), ('reset-address', ?, 1, ?, ?)", source, micros(LONG_AGO),
                micros(LONG_AGO), source, micros(RECENTLY), micros(NOW.plusSeconds(60)));
        String spentEmail = "spent-" + source + "@firm.test";
        String lockedEmail = "locked-" + source + "@firm.test";
        jdbc.update("insert into sign_in_failures (email, window_start, failures, locked_until, forget_at)"
                + " values (?, ?, 2, null, ?), (?, ?, 5, ?, ?)", spentEmail, micros(LONG_AGO), micros(LONG_AGO),
                lockedEmail, micros(RECENTLY), micros(NOW.plusSeconds(60)), micros(NOW.plusSeconds(60)));

        var meters = new SimpleMeterRegistry();
        var properties = new HousekeepingProperties(null, 2, null, null, null, null);
        var removed = new Housekeeping(prunables, properties, Clock.fixed(NOW, ZoneOffset.UTC), meters).run();

        assertThat(removed).containsEntry(PruneKind.WEBHOOK_EVENTS, 1).containsEntry(PruneKind.API_TOKENS, 2)
                .containsEntry(PruneKind.ONE_TIME_LINKS, 3).containsEntry(PruneKind.IDEMPOTENCY_KEYS, 1)
                .containsEntry(PruneKind.RATE_LIMITS, 2);
        assertThat(jdbc.queryForList("select scope from rate_limit_budgets where subject = ?", String.class, source))
                .as("a budget still being earned back stays").containsExactly("reset-address");
        assertThat(jdbc.queryForList("select email from sign_in_failures where email in (?, ?)", String.class,
                spentEmail, lockedEmail)).as("a lockout not over stays").containsExactly(lockedEmail);
        assertThat(count("webhook_events", oldEvent)).isZero();
        assertThat(count("webhook_events", recentEvent)).isOne();
        assertThat(count("api_tokens", expiredToken) + count("api_tokens", revokedToken)).isZero();
        assertThat(count("api_tokens", liveToken) + count("api_tokens", recentlyRevoked)).isEqualTo(2);
        assertThat(count("user_tokens", oldLink) + count("user_tokens", oldLink2) + count("user_tokens", oldLink3))
                .isZero();
        assertThat(count("user_tokens", liveLink)).isOne();
        assertThat(keyExists(user, oldKey)).isFalse();
        assertThat(keyExists(user, recentKey)).isTrue();
        assertThat(meters.get("housekeeping.removed").tag("kind", "one-time-links").counter().count()).isEqualTo(3);
        assertThat(meters.get("housekeeping.removed").tag("kind", "api-tokens").counter().count()).isEqualTo(2);
    }

    @Test
    void shouldRunAsOneRecurringTask() {
        assertThat(housekeepingTask.getName()).isEqualTo(Housekeeping.TASK_NAME);
        assertThat(prunables).extracting(Prunable::kind).containsExactlyInAnyOrder(PruneKind.values());
    }

    @Test
    void shouldRefuseRetentionsShorterThanTheRowsAreUsed() {
        assertThatThrownBy(() -> new HousekeepingProperties(null, null, null, null, Duration.ofHours(1), null))
                .hasMessageContaining("idempotency-keys");
        assertThatThrownBy(() -> new HousekeepingProperties(Duration.ZERO, null, null, null, null, null))
                .hasMessageContaining("interval");
        assertThatThrownBy(() -> new HousekeepingProperties(null, 0, null, null, null, null))
                .hasMessageContaining("batch-size");
        assertThatThrownBy(() -> new HousekeepingProperties(null, null, Duration.ofMinutes(5), null, null, null))
                .hasMessageContaining("webhook-events");
    }

    private String jsonType() {
        String product = jdbc.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName());
        return "PostgreSQL".equals(product) ? "jsonb" : "json";
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
    }

    private UUID webhookEvent(Instant receivedAt) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into webhook_events (id, provider_kind, provider, event_id, event_type, received_at,"
                + " payload, outcome) values (?, 'esign', 'mock', ?, 'test', ?, cast(? as " + jsonType() + "),"
                + " 'APPLIED')", id, id.toString(),
                at(receivedAt), "{}");
        return id;
    }

    private UUID apiToken(UUID org, UUID user, Instant created, Instant expires, Instant revoked) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into api_tokens (id, org_id, user_id, name, token_hash, created_at, expires_at, revoked_at)"
                + " values (?, ?, ?, 'test', ?, ?, ?, ?)", id, org, user, hash(id), at(created), at(expires),
                revoked == null ? null : at(revoked));
        return id;
    }

    private UUID link(UUID org, UUID user, Instant expires) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into user_tokens (id, org_id, user_id, purpose, token_hash, created_at, expires_at)"
                + " values (?, ?, ?, 'PASSWORD_RESET', ?, ?, ?)", id, org, user, hash(id),
                at(expires.minus(Duration.ofHours(1))), at(expires));
        return id;
    }

    private String idempotencyKey(UUID user, Instant created) {
        String key = UUID.randomUUID().toString();
        jdbc.update("insert into idempotency_keys (user_id, idempotency_key, request_hash, status_code, created_at)"
                + " values (?, ?, 'h', 200, ?)", user, key, at(created));
        return key;
    }

    private int count(String table, UUID id) {
        return jdbc.queryForObject("select count(*) from " + table + " where id = ?", Integer.class, id);
    }

    private boolean keyExists(UUID user, String key) {
        return jdbc.queryForObject("select count(*) from idempotency_keys where user_id = ? and idempotency_key = ?",
                Integer.class, user, key) > 0;
    }

    private static String hash(UUID id) {
        return (id.toString().replace("-", "") + id.toString().replace("-", "")).substring(0, 64);
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
