package io.matterflow.directory.internal;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.matterflow.directory.Role;

@Entity
@Table(name = "matter_members")
@IdClass(MatterMemberEntity.Key.class)
public class MatterMemberEntity {

    record Key(UUID matterId, UUID userId) implements Serializable {
        Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "matter_id")
    private UUID matterId;

    @Id
    @Column(name = "user_id")
    private UUID userId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;

    @Column(name = "added_at", nullable = false)
    private Instant addedAt;

    protected MatterMemberEntity() {
    }

    public MatterMemberEntity(UUID matterId, UUID userId, Role role, Instant addedAt) {
        this.matterId = matterId;
        this.userId = userId;
        this.role = role;
        this.addedAt = addedAt;
    }

    public UUID userId() {
        return userId;
    }

    public Role role() {
        return role;
    }

    public void role(Role role) {
        this.role = role;
    }
}
