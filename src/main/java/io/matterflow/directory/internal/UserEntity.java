package io.matterflow.directory.internal;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.matterflow.directory.Person;
import io.matterflow.directory.Role;
import io.matterflow.directory.UserAccount;

@Entity
@Table(name = "users")
public class UserEntity {

    @Id
    private UUID id;

    @Column(name = "org_id", nullable = false)
    private UUID orgId;

    @Column(nullable = false)
    private String email;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;

    /** Null while an invited user has not chosen a password: no password matches it. */
    @Column(name = "password_hash")
    private String passwordHash;

    @Column(nullable = false)
    private boolean active;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected UserEntity() {
    }

    public UserEntity(UUID id, UUID orgId, String email, String displayName, Role role, String passwordHash, Instant createdAt) {
        this.id = id;
        this.orgId = orgId;
        this.email = email;
        this.displayName = displayName;
        this.role = role;
        this.passwordHash = passwordHash;
        this.createdAt = createdAt;
        this.active = true;
    }

    public UserAccount toAccount() {
        return new UserAccount(id, orgId, email, displayName, role, active);
    }

    public Person toPerson() {
        Person.Status status = !active ? Person.Status.DEACTIVATED
                : passwordHash == null ? Person.Status.INVITED : Person.Status.ACTIVE;
        return new Person(id, orgId, email, displayName, role, status, createdAt);
    }

    UUID id() {
        return id;
    }

    public UUID orgId() {
        return orgId;
    }

    public Role role() {
        return role;
    }

    public void role(Role role) {
        this.role = role;
    }

    public boolean active() {
        return active;
    }

    public void active(boolean active) {
        this.active = active;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public void passwordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }
}
