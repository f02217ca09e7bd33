package io.matterflow.instance;

import java.util.UUID;

import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;

/**
 * Someone gave a step to {@code assigneeId}: they are told as for a READY step. {@code transitionId} is the audit
 * event of the assignment.
 */
public record StepAssigned(UUID stepId, UUID instanceId, UUID matterId, UUID orgId, ActionType actionType,
                           RoleScope roleScope, UUID assigneeId, String stepTitle, String instanceTitle,
                           UUID transitionId) {
}
