package io.matterflow.notification;

import java.time.Instant;
import java.util.UUID;

/** An email in the outbox, as the sender reads it. */
record OutboxEmail(UUID id, UUID orgId, UUID recipientId, String email, String recipientName, String subject,
                   String body, String summary, String link, boolean throttled, int attempts, Instant createdAt) {
}
