package io.matterflow.template.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.matterflow.template.TemplateDetails;
import io.matterflow.template.TemplateStep;

@Entity
@Table(name = "workflow_templates")
public class TemplateEntity {

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

    public TemplateEntity(UUID id, UUID orgId, String name, String description, UUID createdById, Instant now) {
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

    public UUID id() {
        return id;
    }

    public UUID orgId() {
        return orgId;
    }

    public String name() {
        return name;
    }

    public int publishedVersion() {
        return publishedVersion;
    }

    public boolean isActive() {
        return active;
    }

    public void rename(String name) {
        this.name = name;
    }

    public void describe(String description) {
        this.description = description;
    }

    public void activate(boolean active) {
        this.active = active;
    }

    public int publishNext(Instant now) {
        this.publishedVersion++;
        this.updatedAt = now;
        return publishedVersion;
    }

    public void touch(Instant now) {
        this.updatedAt = now;
    }

    public TemplateDetails toDetails(List<TemplateStep> steps) {
        return new TemplateDetails(id, orgId, name, description, publishedVersion, active, createdById, createdAt,
                updatedAt, steps);
    }
}
