package io.matterflow.instance;

import java.util.UUID;

import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;

/** A step entered READY: its performers can act now. */
public record StepBecameReady(UUID stepId, UUID instanceId, UUID matterId, UUID orgId, ActionType actionType,
                              RoleScope roleScope, UUID assignedToId) {
}
