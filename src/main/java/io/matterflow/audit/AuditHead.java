package io.matterflow.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * The newest event of one audit stream: its sequence number and hash. {@link AuditLog#append} reads it to chain
 * the next event and moves it; {@link AuditLog#verify} compares the chain's end to it, so that removing the newest
 * events is found. A stream whose changes update a row anyway keeps its head on that row (an instance's chain on
 * the instance's row, see {@link AuditHeadRows}); every other stream keeps it in {@code audit_heads}.
 */
@Embeddable
public class AuditHead {

    @Column(name = "audit_seq", nullable = false)
    private long seq;
    @Column(name = "audit_hash", nullable = false, length = 64)
    private String hash;

    protected AuditHead() {
    }

    private AuditHead(long seq, String hash) {
        this.seq = seq;
        this.hash = hash;
    }

    /** The head of a stream with no event yet. */
    public static AuditHead genesis() {
        return new AuditHead(0, AuditLog.GENESIS);
    }

    public long seq() {
        return seq;
    }

    public String hash() {
        return hash;
    }

    /** Only the audit log moves a head, and only to the event it has just appended. */
    void advance(long seq, String hash) {
        this.seq = seq;
        this.hash = hash;
    }
}
