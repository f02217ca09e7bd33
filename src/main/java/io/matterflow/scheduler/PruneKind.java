package io.matterflow.scheduler;

/** The kinds of rows housekeeping deletes; {@link #tag()} names each in logs and in the metric. */
public enum PruneKind {
    WEBHOOK_EVENTS, API_TOKENS, IDEMPOTENCY_KEYS, ONE_TIME_LINKS, RATE_LIMITS;

    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
