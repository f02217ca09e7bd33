package io.matterflow.notification;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An in-app notification as its recipient sees it. {@code withdrawnAt} is set when what it announced no longer
 * holds (a READY step went back to PENDING); a withdrawn notification is not unread.
 */
public record Notification(UUID id, String kind, String title, String body, String link, UUID stepId,
                           UUID instanceId, Instant createdAt,
                           @Schema(nullable = true, description = "When the recipient opened it; null while unread")
                           Instant readAt,
                           @Schema(nullable = true, description = "When what it announced stopped holding (the step"
                                   + " went back to waiting); null while it holds") Instant withdrawnAt) {
}
