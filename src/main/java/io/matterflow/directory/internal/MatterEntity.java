package io.matterflow.directory.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.BatchSize;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.matterflow.directory.MatterDetails;
import io.matterflow.directory.MatterStatus;

@Entity
@Table(name = "matters")
public class MatterEntity {

    @Id
    private UUID id;

    @Column(name = "org_id", nullable = false)
    private UUID orgId;

    @Column(nullable = false)
    private String reference;

    @Column(nullable = false)
    private String title;

    @Column(name = "owner_id", nullable = false)
    private UUID ownerId;

    @Column(name = "client_id")
    private UUID clientId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private MatterStatus status = MatterStatus.OPEN;

    @Column(name = "closed_at")
    private Instant closedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    /** Loaded with the matter; for a list of matters, in one query per 50 matters rather than one per matter. */
    @OneToMany(mappedBy = "matterId", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
    @BatchSize(size = 50)
    private List<MatterMemberEntity> members = new ArrayList<>();

    @Column(name = "practice_area")
    private String practiceArea;

    protected MatterEntity() {
    }

    public MatterEntity(UUID id, UUID orgId, String reference, String title, UUID ownerId, UUID clientId, Instant now) {
        this.id = id;
        this.orgId = orgId;
        this.reference = reference;
        this.title = title;
        this.ownerId = ownerId;
        this.clientId = clientId;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public void practiceArea(String practiceArea) {
        this.practiceArea = practiceArea;
    }

    public UUID id() {
        return id;
    }

    UUID orgId() {
        return orgId;
    }

    public List<MatterMemberEntity> members() {
        return members;
    }

    public String reference() {
        return reference;
    }

    UUID ownerId() {
        return ownerId;
    }

    UUID clientId() {
        return clientId;
    }

    public MatterStatus status() {
        return status;
    }

    public void touch(Instant now) {
        this.updatedAt = now;
    }

    public void edit(String reference, String title, UUID ownerId, UUID clientId, String practiceArea, Instant now) {
        this.practiceArea = practiceArea;
        this.reference = reference;
        this.title = title;
        this.ownerId = ownerId;
        this.clientId = clientId;
        this.updatedAt = now;
    }

    public void status(MatterStatus status, Instant now) {
        this.status = status;
        this.closedAt = status == MatterStatus.CLOSED ? now : null;
        this.updatedAt = now;
    }

    public MatterDetails toDetails() {
        return new MatterDetails(id, orgId, reference, title, ownerId, clientId,
                members.stream().map(m -> new MatterDetails.Member(m.userId(), m.role())).toList(), status, closedAt,
                createdAt, practiceArea);
    }
}
