package io.matterflow.instance.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.springframework.data.domain.Persistable;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

/** A migration of a template's running instances from one version to another: RUNNING until no item is PENDING. */
@Entity
@Table(name = "template_migrations")
public class TemplateMigrationEntity implements Persistable<UUID> {

    public static final String RUNNING = "RUNNING";
    public static final String DONE = "DONE";

    @Id
    private UUID id;
    @Column(name = "org_id", nullable = false)
    private UUID orgId;
    @Column(name = "template_id", nullable = false)
    private UUID templateId;
    @Column(name = "from_version", nullable = false)
    private int fromVersion;
    @Column(name = "to_version", nullable = false)
    private int toVersion;
    @Column(nullable = false)
    private String status;
    @Column(name = "requested_by_id", nullable = false)
    private UUID requestedById;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "finished_at")
    private Instant finishedAt;
    /** The instances asked for that were not candidates, each {@code {instanceId, reason}}. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "not_candidates")
    private List<Map<String, Object>> notCandidates;
    @Transient
    private boolean isNew;

    protected TemplateMigrationEntity() {
    }

    public TemplateMigrationEntity(UUID id, UUID orgId, UUID templateId, int fromVersion, int toVersion,
                                   UUID requestedById, List<Map<String, Object>> notCandidates, Instant now) {
        this.id = id;
        this.orgId = orgId;
        this.templateId = templateId;
        this.fromVersion = fromVersion;
        this.toVersion = toVersion;
        this.status = RUNNING;
        this.requestedById = requestedById;
        this.notCandidates = new ArrayList<>(notCandidates);
        this.createdAt = now;
        this.isNew = true;
    }

    public UUID id() { return id; }
    public UUID orgId() { return orgId; }
    public UUID templateId() { return templateId; }
    public int fromVersion() { return fromVersion; }
    public int toVersion() { return toVersion; }
    public String status() { return status; }
    public UUID requestedById() { return requestedById; }
    public Instant createdAt() { return createdAt; }
    public Instant finishedAt() { return finishedAt; }
    public List<Map<String, Object>> notCandidates() {
        return notCandidates == null ? List.of() : List.copyOf(notCandidates);
    }

    public void done(Instant now) {
        this.status = DONE;
        this.finishedAt = now;
    }

    @Override
    public UUID getId() {
        return id;
    }

    @Override
    public boolean isNew() {
        return isNew;
    }
}
