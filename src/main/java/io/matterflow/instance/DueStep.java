package io.matterflow.instance;

import java.util.UUID;

import io.matterflow.action.ActionState;
import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.calendar.Due;

/** A step with a due date, with what a reminder, an escalation or a calendar feed needs to know of it. */
public record DueStep(UUID stepId, UUID instanceId, UUID matterId, UUID orgId, String stepTitle,
                      String instanceTitle, ActionType actionType, RoleScope roleScope, ActionState state,
                      UUID assignedToId, WorkflowStatus instanceStatus, Due due, String matterReference,
                      String matterTitle, UUID matterOwnerId) {

    /** Not yet done: neither COMPLETED nor SKIPPED, on an ACTIVE instance. */
    public boolean open() {
        return instanceStatus == WorkflowStatus.ACTIVE && state != ActionState.COMPLETED
                && state != ActionState.SKIPPED;
    }

    /** The run view's path for the step. */
    public String path() {
        return "/matters/" + matterId + "/workflows/" + instanceId + "#step-" + stepId;
    }
}
