package io.matterflow.action.internal;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.matterflow.action.DocumentInfo;
import io.matterflow.action.DocumentStatus;

@Entity
@Table(name = "documents")
public class DocumentEntity {

    @Id
    private UUID id;

    @Column(name = "org_id", nullable = false)
    private UUID orgId;

    /** Exactly one of step, template and instance is set (the check {@code ck_documents_owner}). */
    @Column(name = "step_id")
    private UUID stepId;

    @Column(name = "template_id")
    private UUID templateId;

    @Column(name = "instance_id")
    private UUID instanceId;

    @Column(nullable = false)
    private String name;

    @Column(name = "content_type", nullable = false)
    private String contentType;

    @Column(name = "size_bytes", nullable = false)
    private long size;

    @Column(nullable = false)
    private String sha256;

    @Column(name = "storage_key", nullable = false)
    private String storageKey;

    @Column(name = "uploaded_by_id", nullable = false)
    private UUID uploadedById;

    @Column(name = "uploaded_at", nullable = false)
    private Instant uploadedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "scan_status", nullable = false)
    private DocumentStatus status;

    @Column(name = "scanned_at")
    private Instant scannedAt;

    /** When a completed step named the document; null while none has (the cleanup removes it after retention). */
    @Column(name = "submitted_at")
    private Instant submittedAt;

    protected DocumentEntity() {
    }

    public DocumentEntity(DocumentInfo info, String storageKey) {
        this.id = info.id();
        this.orgId = info.orgId();
        this.stepId = info.stepId();
        this.templateId = info.templateId();
        this.instanceId = info.instanceId();
        this.name = info.name();
        this.contentType = info.contentType();
        this.size = info.size();
        this.sha256 = info.sha256();
        this.storageKey = storageKey;
        this.uploadedById = info.uploadedById();
        this.uploadedAt = info.uploadedAt();
        this.status = info.status();
    }

    public DocumentInfo toInfo() {
        return new DocumentInfo(id, orgId, stepId, name, contentType, size, sha256, uploadedById, uploadedAt, status,
                submittedAt, templateId, instanceId);
    }

    public void scanned(DocumentStatus status, Instant at) {
        this.status = status;
        this.scannedAt = at;
    }

    public UUID id() {
        return id;
    }

    UUID orgId() {
        return orgId;
    }

    public DocumentStatus status() {
        return status;
    }

    public String storageKey() {
        return storageKey;
    }
}
