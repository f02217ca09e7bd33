package io.matterflow.instance;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.matterflow.action.ActionState;
import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;

/** A step of an instance as readers see it. */
public record StepDetails(UUID id, UUID instanceId, UUID templateStepId, int order, String title,
                          ActionType actionType, RoleScope roleScope, boolean required,
                          Map<String, Object> actionConfig, ActionState actionState, Map<String, Object> actionData,
                          UUID assignedToId, Instant startedAt, Instant completedAt, Instant updatedAt, long version) {
}
