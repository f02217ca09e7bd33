package io.matterflow.template;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "workflow_templates")
class TemplateEntity {

    @Id
    private UUID id;
    @Column(name = "org_id", nullable = false)
    private UUID orgId;
    @Column(nullable = false)
    private String name;
    private String description;
    @Column(name = "version", nullable = false)
    private int publishedVersion;
    @Column(name = "is_active", nullable = false)
    private boolean active;
    @Column(name = "created_by_id", nullable = false)
    private UUID createdById;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    @Column(name = "lock_version")
    private Long lockVersion;

    protected TemplateEntity() {
    }

    TemplateEntity(UUID id, UUID orgId, String name, String description, UUID createdById, Instant now) {
        this.id = id;
        this.orgId = orgId;
        this.name = name;
        this.description = description;
        this.publishedVersion = 0;
        this.active = true;
        this.createdById = createdById;
        this.createdAt = now;
        this.updatedAt = now;
    }

    UUID id() {
        return id;
    }

    UUID orgId() {
        return orgId;
    }

    String name() {
        return name;
    }

    int publishedVersion() {
        return publishedVersion;
    }

    boolean isActive() {
        return active;
    }

    void rename(String name) {
        this.name = name;
    }

    void describe(String description) {
        this.description = description;
    }

    void activate(boolean active) {
        this.active = active;
    }

    int publishNext(Instant now) {
        this.publishedVersion++;
        this.updatedAt = now;
        return publishedVersion;
    }

    void touch(Instant now) {
        this.updatedAt = now;
    }

    TemplateDetails toDetails(List<TemplateStep> steps) {
        return new TemplateDetails(id, orgId, name, description, publishedVersion, active, createdById, createdAt,
                updatedAt, steps);
    }
}
