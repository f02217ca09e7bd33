package io.matterflow.directory;

import java.util.UUID;

/** A user as other modules see it: never the password hash. */
public record UserAccount(UUID id, UUID orgId, String email, String displayName, Role role) {
}
