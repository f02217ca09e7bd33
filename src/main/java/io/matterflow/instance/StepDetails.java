package io.matterflow.instance;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.matterflow.action.ActionState;
import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.calendar.Due;
import io.matterflow.condition.Condition;

import io.swagger.v3.oas.annotations.media.Schema;

/** A step of an instance as readers see it. */
@Schema(description = "A step of an instance")
public record StepDetails(UUID id, UUID instanceId,
                          @Schema(nullable = true, description = "The template step it was copied from; null for a step added to the"
                                  + " instance") UUID templateStepId,
                          @Schema(description = "From 0", example = "0") int order,
                          @Schema(example = "Conflict check") String title,
                          ActionType actionType, @Schema(description = "Who performs the step") RoleScope roleScope,
                          @Schema(description = "Whether later steps wait for this one") boolean required,
                          @Schema(description = "Whether the matter's client sees this step (its title and state"
                                  + " only); CLIENT steps are always the client's") boolean clientVisible,
                          @Schema(description = ActionType.CONFIG_DESCRIPTION) Map<String, Object> actionConfig,
                          ActionState actionState,
                          @Schema(description = "What happened so far, kept by the engine and the action: a signing"
                                  + " session or payment intent once started, the decision or documents once"
                                  + " completed, `blockedReason`, `failureReason`, `skipReason`, and after a retry"
                                  + " `retries` and `previousAttempts`") Map<String, Object> actionData,
                          @Schema(nullable = true, description = "Who claimed or started it; null while unassigned") UUID assignedToId,
                          @Schema(nullable = true, description = "null until started") Instant startedAt,
                          @Schema(nullable = true, description = "null unless COMPLETED") Instant completedAt, Instant updatedAt,
                          @Schema(description = "Changes with every transition", example = "1") long version,
                          @Schema(nullable = true, description = "When the step is due and how that was computed;"
                                  + " null when it has no due rule and no date set by hand") Due due,
                          @Schema(nullable = true, description = "When the step runs, its clauses naming earlier steps"
                                  + " by id; null: always (and for a client)") Condition condition) {
}
