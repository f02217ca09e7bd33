package io.matterflow.audit.internal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.matterflow.audit.AuditEvent;

@Entity
@Immutable
@Table(name = "audit_events")
public class AuditEventEntity {

    @Id
    private UUID id;
    @Column(name = "org_id", nullable = false)
    private UUID orgId;
    @Column(name = "stream_id", nullable = false)
    private UUID streamId;
    @Column(nullable = false)
    private long seq;
    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;
    @Column(name = "actor_type", nullable = false)
    private String actorType;
    @Column(name = "actor_id", nullable = false)
    private String actorId;
    @Column(name = "actor_name", nullable = false)
    private String actorName;
    @Column(nullable = false)
    private String action;
    @Column(name = "entity_type", nullable = false)
    private String entityType;
    @Column(name = "entity_id", nullable = false)
    private UUID entityId;
    @Column(name = "from_state")
    private String fromState;
    @Column(name = "to_state")
    private String toState;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private Map<String, Object> metadata;
    @Column(name = "request_id")
    private String requestId;
    @Column(name = "prev_hash", nullable = false)
    private String prevHash;
    @Column(nullable = false)
    private String hash;

    protected AuditEventEntity() {
    }

    public AuditEventEntity(UUID id, UUID orgId, UUID streamId, long seq, Instant occurredAt, String actorType, String actorId,
                     String actorName, String action, String entityType, UUID entityId, String fromState,
                     String toState, Map<String, Object> metadata, String requestId, String prevHash) {
        this.id = id;
        this.orgId = orgId;
        this.streamId = streamId;
        this.seq = seq;
        this.occurredAt = occurredAt;
        this.actorType = actorType;
        this.actorId = actorId;
        this.actorName = actorName;
        this.action = action;
        this.entityType = entityType;
        this.entityId = entityId;
        this.fromState = fromState;
        this.toState = toState;
        this.metadata = metadata;
        this.requestId = requestId;
        this.prevHash = prevHash;
    }

    public void seal(String hash) {
        this.hash = hash;
    }

    /** The text the hash covers: every column but the hash itself, in a fixed order. */
    public String canonical() {
        return String.join("\n", id.toString(), orgId.toString(), streamId.toString(), Long.toString(seq),
                Long.toString(occurredAt.getEpochSecond()) + "." + occurredAt.getNano(), actorType, actorId,
                actorName, action, entityType, entityId.toString(), String.valueOf(fromState),
                String.valueOf(toState), io.matterflow.common.Json.canonical(metadata),
                String.valueOf(requestId), prevHash);
    }

    public UUID id() {
        return id;
    }

    public UUID streamId() {
        return streamId;
    }

    public long seq() {
        return seq;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public String prevHash() {
        return prevHash;
    }

    public String hash() {
        return hash;
    }

    public AuditEvent toEvent() {
        return new AuditEvent(id, orgId, streamId, seq, occurredAt, actorType, actorId, actorName, action, entityType,
                entityId, fromState, toState, metadata, requestId, hash);
    }
}
