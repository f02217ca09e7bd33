package io.matterflow.template;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.calendar.DueRule;
import io.matterflow.condition.Condition;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A template's draft or one published version as a portable document ({@link TemplateTransfer}): what a firm
 * authored, nothing of who or where. No ids (template, steps, organization, people) and no stored files; steps name
 * each other by position. {@code exportedAt}, {@code sourceVersion} and {@code notes} are informative: an import
 * reads them for its audit record only.
 */
@Schema(description = "A template as a portable document: its steps as authored, without the source's ids, people"
        + " or stored files. Importing it into any firm makes a new draft")
public record TemplateExport(
        @Schema(description = "The document format; this Matterflow reads and writes only `" + TemplateTransfer.SCHEMA
                + "`", example = TemplateTransfer.SCHEMA) String schema,
        @Schema(example = "New client intake") String name,
        @Schema(nullable = true, description = "null when none") String description,
        @Schema(nullable = true, description = "When it was exported (informative)") Instant exportedAt,
        @Schema(nullable = true, description = "The published version exported; null: the draft (informative)",
                example = "2") Integer sourceVersion,
        @Schema(description = "The steps, in order; at least one, at most " + Templates.MAX_STEPS) List<Step> steps,
        @Schema(nullable = true, description = "What did not travel with the template, such as a stored document"
                + " replaced by its file name (informative; not read on import)") List<String> notes) {

    /**
     * A step as authored: the fields of {@link StepDefinition} but its id, by the same names. {@link TemplateTransfer} converts
     * to and from it by name, so a field added to template steps crosses by adding it here, as one more component
     * (a test keeps the two lists equal).
     */
    @Schema(name = "TemplateExportStep", description = "A step as authored; its place in the list is its order, and"
            + " due rules name other steps by that place (`step`, from 0)")
    public record Step(@Schema(example = "Conflict check") String title,
                       @Schema(example = "APPROVAL_LAWYER") ActionType actionType,
                       @Schema(example = "LAWYER") RoleScope roleScope,
                       @Schema(description = "Whether later steps wait for this one (default true)") Boolean required,
                       @Schema(description = ActionType.CONFIG_DESCRIPTION + ". A document stored in Matterflow is"
                               + " named by its file name: the file does not travel") Map<String, Object> actionConfig,
                       @Schema(description = "Whether the matter's client sees this step (default false)")
                       Boolean clientVisible,
                       @Schema(nullable = true, description = "When the step is due; STEP_COMPLETED names the other"
                               + " step by its position in `step`") DueRule dueRule,
                       @Schema(nullable = true, description = "When the step runs; its clauses name earlier steps by"
                               + " their position in `step`") Condition condition) {
    }
}
