package io.matterflow.template;

import java.util.Map;
import java.util.UUID;

import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.calendar.DueRule;
import io.matterflow.condition.Condition;

import io.swagger.v3.oas.annotations.media.Schema;

/** A step of a template draft or of a published version. */
@Schema(description = "A step of a template draft or of a published version")
public record TemplateStep(UUID id, @Schema(description = "From 0", example = "0") int order,
                           @Schema(example = "Conflict check") String title, ActionType actionType,
                           @Schema(description = "Who performs the step") RoleScope roleScope,
                           @Schema(description = "Whether later steps wait for this one") boolean required,
                           @Schema(description = ActionType.CONFIG_DESCRIPTION) Map<String, Object> actionConfig,
                           @Schema(description = "Whether the matter's client sees this step (title and state only);"
                                   + " CLIENT steps are always the client's") boolean clientVisible,
                           @Schema(nullable = true, description = "When the step is due; null: no due date")
                           DueRule dueRule,
                           @Schema(nullable = true, description = "When the step runs; null: always")
                           Condition condition) {
}
