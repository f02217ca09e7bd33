package io.matterflow.scheduler;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code matterflow.housekeeping.*}: how long rows that have done their work are kept before the housekeeping task
 * deletes them. The audit trail is never pruned.
 *
 * @param interval        how long after one run ends the next starts (on one node of the cluster)
 * @param batchSize       rows deleted per statement (each its own transaction)
 * @param webhookEvents   processed provider webhook events ({@code webhook_events}), by when they arrived; longer than
 *                        any provider resends an event
 * @param apiTokens       expired or revoked API tokens, by when they expired or were revoked
 * @param idempotencyKeys stored answers to {@code Idempotency-Key} requests, by when they were made; at least the 24
 *                        hours a key is replayed
 * @param oneTimeLinks    invitation and password-reset links, by when they expired (a link lives at most the
 *                        invitation-ttl, so a used or revoked one goes at most that much later)
 *                        <p>The sign-in and password-reset limits' rows have no setting: each goes once it can refuse
 *                        nothing any more (its budget all earned back, its window and lockout over).
 */
@ConfigurationProperties("matterflow.housekeeping")
public record HousekeepingProperties(Duration interval, Integer batchSize, Duration webhookEvents, Duration apiTokens,
                                     Duration idempotencyKeys, Duration oneTimeLinks) {

    /** How long an idempotency key is replayed (web's IdempotencyFilter): keys are kept at least that long. */
    public static final Duration IDEMPOTENCY_KEY_LIFE = Duration.ofHours(24);

    public HousekeepingProperties {
        interval = interval == null ? Duration.ofHours(1) : interval;
        batchSize = batchSize == null ? 1000 : batchSize;
        webhookEvents = webhookEvents == null ? Duration.ofDays(90) : webhookEvents;
        apiTokens = apiTokens == null ? Duration.ofDays(90) : apiTokens;
        idempotencyKeys = idempotencyKeys == null ? IDEMPOTENCY_KEY_LIFE : idempotencyKeys;
        oneTimeLinks = oneTimeLinks == null ? Duration.ofDays(30) : oneTimeLinks;
        positive("interval", interval);
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("matterflow.housekeeping.batch-size must be between 1 and 100000");
        }
        atLeast("webhook-events", webhookEvents, Duration.ofDays(1));
        atLeast("api-tokens", apiTokens, Duration.ZERO);
        atLeast("idempotency-keys", idempotencyKeys, IDEMPOTENCY_KEY_LIFE);
        atLeast("one-time-links", oneTimeLinks, Duration.ZERO);
    }

    /** The retention of one kind of row. */
    public Duration retention(PruneKind kind) {
        return switch (kind) {
            case WEBHOOK_EVENTS -> webhookEvents;
            case API_TOKENS -> apiTokens;
            case IDEMPOTENCY_KEYS -> idempotencyKeys;
            case ONE_TIME_LINKS -> oneTimeLinks;
            case RATE_LIMITS -> Duration.ZERO; // a row that can refuse nothing says nothing a missing one does not
        };
    }

    private static void positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("matterflow.housekeeping." + name + " must be positive");
        }
    }

    private static void atLeast(String name, Duration value, Duration min) {
        if (value.compareTo(min) < 0) {
            throw new IllegalArgumentException("matterflow.housekeeping." + name + " must be at least " + min);
        }
    }
}
