package io.matterflow.access;

import java.util.UUID;

import io.matterflow.action.RoleScope;

/** What access decisions need to know of a step. */
public record StepRef(UUID stepId, UUID instanceId, UUID matterId, UUID orgId, RoleScope roleScope, UUID assignedToId) {
}
