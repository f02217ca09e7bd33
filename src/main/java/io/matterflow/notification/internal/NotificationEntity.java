package io.matterflow.notification.internal;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.matterflow.notification.Notification;

@Entity
@Table(name = "notifications")
public class NotificationEntity {

    @Id
    private UUID id;
    @Column(name = "org_id", nullable = false)
    private UUID orgId;
    @Column(name = "user_id", nullable = false)
    private UUID userId;
    @Column(name = "source_id", nullable = false)
    private UUID sourceId;
    @Column(nullable = false)
    private String kind;
    @Column(nullable = false)
    private String title;
    @Column(nullable = false)
    private String body;
    private String link;
    @Column(name = "step_id")
    private UUID stepId;
    @Column(name = "instance_id")
    private UUID instanceId;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "read_at")
    private Instant readAt;
    @Column(name = "withdrawn_at")
    private Instant withdrawnAt;

    protected NotificationEntity() {
    }

    UUID userId() {
        return userId;
    }

    public void markRead(Instant at) {
        if (readAt == null) {
            readAt = at;
        }
    }

    public Notification toNotification() {
        return new Notification(id, kind, title, body, link, stepId, instanceId, createdAt, readAt, withdrawnAt);
    }
}
