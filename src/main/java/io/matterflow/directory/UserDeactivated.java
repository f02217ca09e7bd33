package io.matterflow.directory;

import java.util.UUID;

/**
 * An admin deactivated a person: published in the deactivation's transaction, so that whatever the person held
 * (claimed and in-progress steps) is released in the same transaction. {@code byUserId} is the admin.
 */
public record UserDeactivated(UUID orgId, UUID userId, UUID byUserId) {
}
