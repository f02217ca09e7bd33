package io.matterflow.directory;

import java.util.Objects;
import java.util.UUID;

/**
 * Who performs a change: a signed-in user, the engine itself, or an external provider (e-sign, payments).
 * Every audit event names one.
 */
public record Actor(Kind kind, UUID userId, UUID orgId, Role role, String name) {

    public enum Kind { USER, SYSTEM, PROVIDER }

    public Actor {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(name, "name");
        if (kind == Kind.USER && (userId == null || role == null)) {
            throw new IllegalArgumentException("a user actor needs a user id and a role");
        }
    }

    public static Actor user(UUID userId, UUID orgId, Role role, String name) {
        return new Actor(Kind.USER, userId, orgId, role, name);
    }

    public static Actor user(UserAccount user) {
        return user(user.id(), user.orgId(), user.role(), user.displayName());
    }

    public static Actor system(UUID orgId) {
        return new Actor(Kind.SYSTEM, null, orgId, null, "system");
    }

    public static Actor provider(UUID orgId, String provider) {
        return new Actor(Kind.PROVIDER, null, orgId, null, provider);
    }

    public boolean isUser() {
        return kind == Kind.USER;
    }

    public boolean isAdmin() {
        return kind == Kind.USER && role == Role.ADMIN;
    }

    /** The identifier recorded in the audit log: the user id, the provider's name, or "system". */
    public String auditId() {
        return switch (kind) {
            case USER -> userId.toString();
            case PROVIDER -> name;
            case SYSTEM -> "system";
        };
    }
}
