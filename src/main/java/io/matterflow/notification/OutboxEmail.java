package io.matterflow.notification;

import java.time.Instant;
import java.util.UUID;

/** An email in the outbox, as the sender reads it. */
record OutboxEmail(UUID id, UUID orgId, UUID recipientId, String email, String recipientName, String kind,
                   String subject, String body, String summary, String link, boolean throttled, int attempts,
                   Instant createdAt) {

    /** An invitation or password reset: sent at once and alone, whatever the flag and the throttle. */
    boolean account() {
        return AccountEmails.Kind.isAccount(kind);
    }
}
