package io.matterflow.audit.internal;

import java.util.UUID;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.matterflow.audit.AuditHead;

/** The head of a stream that has no row of its own to keep it on: appends move it under optimistic locking. */
@Entity
@Table(name = "audit_heads")
public class AuditHeadEntity {

    @Id
    @Column(name = "stream_id")
    private UUID streamId;
    @Column(name = "org_id", nullable = false)
    private UUID orgId;
    @Embedded
    @AttributeOverride(name = "seq", column = @Column(name = "seq", nullable = false))
    @AttributeOverride(name = "hash", column = @Column(name = "hash", nullable = false))
    private AuditHead head;
    @Version
    private Long version;

    protected AuditHeadEntity() {
    }

    public AuditHeadEntity(UUID streamId, UUID orgId) {
        this.streamId = streamId;
        this.orgId = orgId;
        this.head = AuditHead.genesis();
    }

    public UUID streamId() {
        return streamId;
    }

    public AuditHead head() {
        return head;
    }

    public boolean isNew() {
        return version == null;
    }
}
