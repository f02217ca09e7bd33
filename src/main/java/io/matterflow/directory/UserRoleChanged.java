package io.matterflow.directory;

import java.util.UUID;

/**
 * An admin changed a person's role, published in the change's transaction: cached eligibility and the person's
 * signed-in sessions (which hold the old role) are stale.
 */
public record UserRoleChanged(UUID orgId, UUID userId, Role from, Role to, UUID byUserId) {
}
