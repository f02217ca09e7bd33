package io.matterflow.audit.internal;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.matterflow.audit.AuditLog;

/** The newest event of a stream: appends move it under optimistic locking, verify compares the chain's end to it. */
@Entity
@Table(name = "audit_heads")
public class AuditHeadEntity {

    @Id
    @Column(name = "stream_id")
    private UUID streamId;
    @Column(name = "org_id", nullable = false)
    private UUID orgId;
    @Column(nullable = false)
    private long seq;
    @Column(nullable = false)
    private String hash;
    @Version
    private Long version;

    protected AuditHeadEntity() {
    }

    public AuditHeadEntity(UUID streamId, UUID orgId) {
        this.streamId = streamId;
        this.orgId = orgId;
        this.seq = 0;
        this.hash = AuditLog.GENESIS;
    }

    public UUID streamId() {
        return streamId;
    }

    public long seq() {
        return seq;
    }

    public String hash() {
        return hash;
    }

    public boolean isNew() {
        return version == null;
    }

    public void advance(long seq, String hash) {
        this.seq = seq;
        this.hash = hash;
    }
}
