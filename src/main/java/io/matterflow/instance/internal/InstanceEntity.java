package io.matterflow.instance.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Persistable;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.matterflow.audit.AuditHead;
import io.matterflow.instance.InstanceDetails;
import io.matterflow.instance.StepDetails;
import io.matterflow.instance.WorkflowStatus;

@Entity
@Table(name = "workflow_instances")
public class InstanceEntity implements Persistable<UUID> {

    @Id
    private UUID id;
    @Column(name = "org_id", nullable = false)
    private UUID orgId;
    @Column(name = "template_id", nullable = false)
    private UUID templateId;
    @Column(name = "matter_id", nullable = false)
    private UUID matterId;
    @Column(name = "template_version", nullable = false)
    private int templateVersion;
    @Column(nullable = false)
    private String title;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private WorkflowStatus status;
    @Column(name = "created_by_id", nullable = false)
    private UUID createdById;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Column(name = "completed_at")
    private Instant completedAt;
    /** When it first became ACTIVE: the anchor of INSTANCE_START due rules. */
    @Column(name = "started_at")
    private Instant startedAt;
    /** The head of the instance's audit chain: moved by the update every step change makes to this row anyway. */
    @Embedded
    private AuditHead auditHead = AuditHead.genesis();
    @Version
    private Long version;

    protected InstanceEntity() {
    }

    public InstanceEntity(UUID id, UUID orgId, UUID templateId, int templateVersion, UUID matterId, String title,
                   WorkflowStatus status, UUID createdById, Instant now) {
        this.id = id;
        this.orgId = orgId;
        this.templateId = templateId;
        this.templateVersion = templateVersion;
        this.matterId = matterId;
        this.title = title;
        this.status = status;
        this.createdById = createdById;
        this.createdAt = now;
        this.updatedAt = now;
        this.startedAt = status == WorkflowStatus.ACTIVE ? now : null;
    }

    public UUID id() {
        return id;
    }

    public UUID templateId() {
        return templateId;
    }

    public UUID orgId() {
        return orgId;
    }

    public UUID matterId() {
        return matterId;
    }

    public String title() {
        return title;
    }

    public WorkflowStatus status() {
        return status;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** The new status, which every one of the instance's steps keeps too (the inbox reads it there). */
    public void status(WorkflowStatus status, java.util.List<InstanceStepEntity> steps, Instant now) {
        this.status = status;
        for (InstanceStepEntity step : steps) {
            if (!step.instanceId().equals(id)) {
                throw new IllegalArgumentException("step " + step.id() + " is not of instance " + id);
            }
            step.instanceStatus(status);
        }
        if (status == WorkflowStatus.ACTIVE && startedAt == null) {
            this.startedAt = now;
        }
        if (status == WorkflowStatus.COMPLETED) {
            this.completedAt = now;
        }
        this.updatedAt = now;
    }

    public int templateVersion() {
        return templateVersion;
    }

    /** The instance now follows another published version of its template (a migration). */
    public void migrateTo(int templateVersion, Instant now) {
        this.templateVersion = templateVersion;
        this.updatedAt = now;
    }

    public void rename(String title, Instant now) {
        this.title = title;
        this.updatedAt = now;
    }

    /** Every step change touches its instance, so concurrent changes in one instance serialize on its version. */
    public void touch(Instant now) {
        this.updatedAt = now.isAfter(updatedAt) ? now : updatedAt.plusNanos(1000);
    }

    public AuditHead auditHead() {
        return auditHead;
    }

    public InstanceDetails toDetails(List<StepDetails> steps) {
        return new InstanceDetails(id, orgId, templateId, templateVersion, matterId, title, status, createdById,
                createdAt, updatedAt, completedAt, version == null ? 0 : version, steps);
    }

    /** For Spring Data's save: new until Hibernate has given it a version (without reading it reflectively). */
    @Override
    public UUID getId() {
        return id;
    }

    @Override
    public boolean isNew() {
        return version == null;
    }
}
