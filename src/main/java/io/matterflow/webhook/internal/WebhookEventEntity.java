package io.matterflow.webhook.internal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.matterflow.webhook.ProviderEvent;
import io.matterflow.webhook.ProviderKind;

/** A processed provider event: written in the transaction that applied it, so its presence means "applied". */
@Entity
@Table(name = "webhook_events")
public class WebhookEventEntity {

    static final String RECEIVED = "RECEIVED";

    @Id
    private UUID id;
    @Column(name = "provider_kind", nullable = false)
    private String providerKind;
    @Column(nullable = false)
    private String provider;
    @Column(name = "event_id", nullable = false)
    private String eventId;
    @Column(name = "event_type", nullable = false)
    private String eventType;
    @Column(name = "org_id")
    private UUID orgId;
    @Column(name = "step_id")
    private UUID stepId;
    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private Map<String, Object> payload;
    @Column(nullable = false)
    private String outcome;
    /** Why an event was recorded and not applied; null when it was applied. */
    @Column
    private String reason;

    protected WebhookEventEntity() {
    }

    public WebhookEventEntity(ProviderKind kind, String provider, ProviderEvent event, Map<String, Object> payload,
                       Instant receivedAt) {
        this.id = UUID.randomUUID();
        this.providerKind = kind.key();
        this.provider = provider;
        this.eventId = event.id();
        this.eventType = event.type();
        this.payload = payload;
        this.receivedAt = receivedAt;
        this.outcome = RECEIVED;
    }

    public void processed(UUID orgId, UUID stepId, String outcome, String reason) {
        this.orgId = orgId;
        this.stepId = stepId;
        this.outcome = outcome;
        this.reason = reason;
    }

    public String outcome() {
        return outcome;
    }

    public String reason() {
        return reason;
    }
}
