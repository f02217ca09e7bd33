package io.matterflow.action;

import java.time.Instant;
import java.util.UUID;

/**
 * An uploaded document's metadata; the bytes stay in storage. {@code status} is the upload scanner's verdict;
 * {@code submittedAt} is when a completed step named it (null while no step has). It belongs to exactly one of: a
 * document request step ({@code stepId}, the client's upload), a template or an instance ({@code templateId},
 * {@code instanceId}: a document the firm stored for signing).
 */
public record DocumentInfo(UUID id, UUID orgId, UUID stepId, String name, String contentType, long size,
                           String sha256, UUID uploadedById, Instant uploadedAt, DocumentStatus status,
                           Instant submittedAt, UUID templateId, UUID instanceId) {

    public DocumentInfo {
        status = status == null ? DocumentStatus.UNSCANNED : status;
    }

    /** An upload to a step. */
    public DocumentInfo(UUID id, UUID orgId, UUID stepId, String name, String contentType, long size, String sha256,
                        UUID uploadedById, Instant uploadedAt, DocumentStatus status, Instant submittedAt) {
        this(id, orgId, stepId, name, contentType, size, sha256, uploadedById, uploadedAt, status, submittedAt, null,
                null);
    }

    /** A document no step has named yet. */
    public DocumentInfo(UUID id, UUID orgId, UUID stepId, String name, String contentType, long size, String sha256,
                        UUID uploadedById, Instant uploadedAt, DocumentStatus status) {
        this(id, orgId, stepId, name, contentType, size, sha256, uploadedById, uploadedAt, status, null);
    }

    /** A document not scanned yet. */
    public DocumentInfo(UUID id, UUID orgId, UUID stepId, String name, String contentType, long size, String sha256,
                        UUID uploadedById, Instant uploadedAt) {
        this(id, orgId, stepId, name, contentType, size, sha256, uploadedById, uploadedAt, DocumentStatus.UNSCANNED);
    }

    /** A document the firm stored for a template or an instance, not a step's upload. */
    public boolean firms() {
        return stepId == null;
    }

    public boolean rejected() {
        return status == DocumentStatus.REJECTED;
    }

    public boolean clean() {
        return status == DocumentStatus.ACCEPTED;
    }

    public boolean submitted() {
        return submittedAt != null;
    }
}
