package io.matterflow.instance;

import java.util.UUID;

import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;

/**
 * A step entered READY: its performers can act now. {@code transitionId} is the audit event of the transition, so
 * a consumer that sees the event twice (after a crash, or on two nodes) can tell.
 */
public record StepBecameReady(UUID stepId, UUID instanceId, UUID matterId, UUID orgId, ActionType actionType,
                              RoleScope roleScope, UUID assignedToId, String stepTitle, String instanceTitle,
                              UUID transitionId) {
}
