package io.matterflow.directory;

import java.util.UUID;

/** An admin reactivated a person, published in the change's transaction: cached eligibility is stale. */
public record UserReactivated(UUID orgId, UUID userId, UUID byUserId) {
}
