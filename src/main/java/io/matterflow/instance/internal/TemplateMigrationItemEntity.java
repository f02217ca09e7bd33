package io.matterflow.instance.internal;

import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * One instance of a migration: PENDING until a runner, holding its row, migrates it (MIGRATED), finds a blocker
 * (BLOCKED) or finds it no longer a candidate (SKIPPED). {@code detail} is the plan it was migrated by, or why not.
 */
@Entity
@Table(name = "template_migration_items")
@IdClass(TemplateMigrationItemEntity.Key.class)
public class TemplateMigrationItemEntity {

    public static final String PENDING = "PENDING";
    public static final String MIGRATED = "MIGRATED";
    public static final String BLOCKED = "BLOCKED";
    public static final String SKIPPED = "SKIPPED";

    @Id
    @Column(name = "migration_id")
    private UUID migrationId;
    @Id
    @Column(name = "instance_id")
    private UUID instanceId;
    @Column(nullable = false)
    private int position;
    @Column(nullable = false)
    private String status;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "detail")
    private Map<String, Object> detail;
    @Column(name = "finished_at")
    private Instant finishedAt;

    protected TemplateMigrationItemEntity() {
    }

    public TemplateMigrationItemEntity(UUID migrationId, UUID instanceId, int position, Map<String, Object> detail) {
        this.migrationId = migrationId;
        this.instanceId = instanceId;
        this.position = position;
        this.status = PENDING;
        this.detail = new LinkedHashMap<>(detail);
    }

    public UUID migrationId() { return migrationId; }
    public UUID instanceId() { return instanceId; }
    public int position() { return position; }
    public String status() { return status; }
    public Map<String, Object> detail() { return detail == null ? Map.of() : Map.copyOf(detail); }
    public Instant finishedAt() { return finishedAt; }

    public void finish(String status, Map<String, Object> detail, Instant now) {
        this.status = status;
        this.detail = new LinkedHashMap<>(detail);
        this.finishedAt = now;
    }

    public static class Key implements Serializable {
        private UUID migrationId;
        private UUID instanceId;

        public Key() {
        }

        public Key(UUID migrationId, UUID instanceId) {
            this.migrationId = migrationId;
            this.instanceId = instanceId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(migrationId, k.migrationId)
                    && Objects.equals(instanceId, k.instanceId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(migrationId, instanceId);
        }
    }
}
