package io.matterflow.directory.internal;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "matter_changes")
public class MatterChangeEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long seq;
    @Column(name = "matter_id", nullable = false)
    private UUID matterId;
    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;

    protected MatterChangeEntity() {
    }

    public MatterChangeEntity(UUID matterId, Instant changedAt) {
        this.matterId = matterId;
        this.changedAt = changedAt;
    }
}
