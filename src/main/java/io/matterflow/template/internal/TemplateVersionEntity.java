package io.matterflow.template.internal;

import java.io.Serializable;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

@Entity
@Immutable
@Table(name = "workflow_template_versions")
@IdClass(TemplateVersionEntity.Key.class)
public class TemplateVersionEntity {

    record Key(UUID templateId, int version) implements Serializable {
        Key() {
            this(null, 0);
        }
    }

    @Id
    @Column(name = "template_id")
    private UUID templateId;
    @Id
    @Column(name = "version")
    private int version;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private Map<String, Object> snapshot;
    @Column(name = "published_by_id", nullable = false)
    private UUID publishedById;
    @Column(name = "published_at", nullable = false)
    private Instant publishedAt;

    protected TemplateVersionEntity() {
    }

    public TemplateVersionEntity(UUID templateId, int version, Map<String, Object> snapshot, UUID publishedById,
                          Instant publishedAt) {
        this.templateId = templateId;
        this.version = version;
        this.snapshot = snapshot;
        this.publishedById = publishedById;
        this.publishedAt = publishedAt;
    }

    public int version() {
        return version;
    }

    public Map<String, Object> snapshot() {
        return snapshot;
    }

    public UUID publishedById() {
        return publishedById;
    }

    public Instant publishedAt() {
        return publishedAt;
    }
}
