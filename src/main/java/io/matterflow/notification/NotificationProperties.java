package io.matterflow.notification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code matterflow.notifications.*}: how READY emails are sent.
 *
 * @param pollInterval  how long each node waits between two looks at the outbox
 * @param senderEnabled whether this node sends emails at all (off for a node that should only serve requests)
 * @param batchSize     recipients served per poll
 * @param claimTimeout  how long a node's claim on a recipient lasts; renewed before every email, so only a node
 *                      that died or hangs loses it, and another node then takes over
 * @param throttle      at most {@code maxEmails} emails per recipient per {@code window}; the excess waits and goes
 *                      out as one digest
 * @param retry         backoff after a failed SMTP attempt: {@code initialBackoff}, doubled per attempt up to
 *                      {@code maxBackoff}; after {@code maxAttempts} the email is given up (FAILED)
 * @param from          the sender address
 * @param baseUrl       the address of the web UI, for the links in emails
 * @param retention     sent, failed and canceled emails are deleted from the outbox after this long
 */
@ConfigurationProperties("matterflow.notifications")
public record NotificationProperties(Duration pollInterval, Boolean senderEnabled, Integer batchSize,
                                     Duration claimTimeout, Throttle throttle, Retry retry, String from,
                                     String baseUrl, Duration retention) {

    public NotificationProperties {
        pollInterval = positive(pollInterval, Duration.ofSeconds(1), "poll-interval");
        senderEnabled = senderEnabled == null || senderEnabled;
        batchSize = batchSize == null ? 50 : atLeastOne(batchSize, "batch-size");
        claimTimeout = positive(claimTimeout, Duration.ofMinutes(2), "claim-timeout");
        throttle = throttle == null ? new Throttle(null, null) : throttle;
        retry = retry == null ? new Retry(null, null, null) : retry;
        from = from == null || from.isBlank() ? "Matterflow <no-reply@matterflow.local>" : from;
        baseUrl = baseUrl == null || baseUrl.isBlank() ? "http://localhost:8080" : stripSlash(baseUrl);
        retention = positive(retention, Duration.ofDays(30), "retention");
    }

    /** {@code matterflow.notifications.throttle.*}. */
    public record Throttle(Integer maxEmails, Duration window) {
        public Throttle {
            maxEmails = maxEmails == null ? 5 : atLeastOne(maxEmails, "throttle.max-emails");
            window = positive(window, Duration.ofMinutes(15), "throttle.window");
        }
    }

    /** {@code matterflow.notifications.retry.*}. */
    public record Retry(Duration initialBackoff, Duration maxBackoff, Integer maxAttempts) {
        public Retry {
            initialBackoff = positive(initialBackoff, Duration.ofSeconds(10), "retry.initial-backoff");
            maxBackoff = positive(maxBackoff, Duration.ofMinutes(30), "retry.max-backoff");
            maxAttempts = maxAttempts == null ? 10 : atLeastOne(maxAttempts, "retry.max-attempts");
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("matterflow.notifications.retry.max-backoff must not be shorter"
                        + " than retry.initial-backoff");
            }
        }

        /** The wait after the given number of failed attempts (1 → the initial backoff). */
        public Duration backoffAfter(int failedAttempts) {
            Duration wait = initialBackoff;
            for (int i = 1; i < failedAttempts && wait.compareTo(maxBackoff) < 0; i++) {
                wait = wait.multipliedBy(2);
            }
            return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
        }
    }

    private static Duration positive(Duration value, Duration fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("matterflow.notifications." + name + " must be positive");
        }
        return value;
    }

    private static int atLeastOne(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException("matterflow.notifications." + name + " must be at least 1");
        }
        return value;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
