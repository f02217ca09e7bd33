package io.matterflow.directory;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.swagger.v3.oas.annotations.media.Schema;

/** A matter with its owner, client, members and status. */
@Schema(description = "A matter with its owner, client, members and status")
public record MatterDetails(UUID id, UUID orgId,
                            @Schema(description = "The firm's reference, unique in the firm", example = "2026-001")
                            String reference, @Schema(example = "Acme v. Widget Co") String title,
                            @Schema(description = "The owning lawyer") UUID ownerId,
                            @Schema(nullable = true, description = "The client user; null when none") UUID clientId,
                            @Schema(description = "Further people on the matter") List<Member> members,
                            @Schema(description = "OPEN, or CLOSED: no new workflows until it is reopened")
                            MatterStatus status,
                            @Schema(nullable = true, description = "When it was closed; null while it is open")
                            Instant closedAt,
                            Instant createdAt,
                            @Schema(nullable = true, description = "The practice area (\"Litigation\"); null when"
                                    + " none. Conditions on steps may ask about it", example = "Litigation")
                            String practiceArea) {

    public MatterDetails(UUID id, UUID orgId, String reference, String title, UUID ownerId, UUID clientId,
                         List<Member> members, MatterStatus status, Instant closedAt, Instant createdAt) {
        this(id, orgId, reference, title, ownerId, clientId, members, status, closedAt, createdAt, null);
    }

    @Schema(description = "A person on a matter, in their own role")
    public record Member(UUID userId, Role role) {
    }

    @JsonIgnore
    public boolean isClosed() {
        return status == MatterStatus.CLOSED;
    }

    public boolean isOwner(UUID userId) {
        return ownerId.equals(userId);
    }

    /** Owner, client or listed member. */
    public boolean involves(UUID userId) {
        return ownerId.equals(userId) || userId.equals(clientId)
                || members.stream().anyMatch(m -> m.userId().equals(userId));
    }
}
