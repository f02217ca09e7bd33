package io.matterflow.instance;

import java.util.UUID;

import io.matterflow.action.ActionEvent;
import io.matterflow.action.ActionState;
import io.matterflow.action.ActionType;

/** A step moved (or was claimed or unclaimed, staying READY). */
public record StepTransitioned(UUID stepId, UUID instanceId, UUID orgId, ActionType actionType, ActionEvent event,
                               ActionState from, ActionState to, String actorId) {
}
