package io.matterflow.instance;

import java.util.UUID;

import io.matterflow.action.ActionState;

/**
 * A step was taken from a person who was deactivated: READY steps are back in the pool, started ones ({@code state}
 * IN_PROGRESS or BLOCKED) wait for someone to be given them. The matter's owner is told. {@code transitionId} is the
 * audit event.
 */
public record StepReleased(UUID stepId, UUID instanceId, UUID matterId, UUID orgId, ActionState state,
                           String stepTitle, String instanceTitle, UUID transitionId) {
}
