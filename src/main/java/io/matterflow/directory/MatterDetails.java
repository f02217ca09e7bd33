package io.matterflow.directory;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A matter with its owner, client and members. */
public record MatterDetails(UUID id, UUID orgId, String reference, String title, UUID ownerId, UUID clientId,
                            List<Member> members, Instant createdAt) {

    public record Member(UUID userId, Role role) {
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
