package io.matterflow.notification;

import java.time.Instant;
import java.util.UUID;

/**
 * An in-app notification as its recipient sees it. {@code withdrawnAt} is set when what it announced no longer
 * holds (a READY step went back to PENDING); a withdrawn notification is not unread.
 */
public record Notification(UUID id, String kind, String title, String body, String link, UUID stepId,
                           UUID instanceId, Instant createdAt, Instant readAt, Instant withdrawnAt) {
}
