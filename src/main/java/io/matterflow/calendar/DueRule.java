package io.matterflow.calendar;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.matterflow.common.FieldError;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * When a step is due: {@code offset} units from {@code anchor}; negative offsets count back ("10 business days before
 * the trial"). {@link DueAnchor#STEP_COMPLETED} names the other step: by its position ({@code step}, from 0) in a
 * template, by its id ({@code stepId}) in an instance. {@link DueAnchor#KEY_DATE} names the matter's key date.
 */
@Schema(description = "When a step is due: `offset` units from `anchor` (negative: before it). STEP_COMPLETED names"
        + " the other step by `step` (its position from 0) in a template and by `stepId` in an instance; KEY_DATE names"
        + " the matter's key date in `keyDate`")
public record DueRule(
        @Schema(description = "How many units; negative counts back from the anchor", example = "3") int offset,
        @Schema(example = "BUSINESS_DAYS") DueUnit unit,
        @Schema(example = "STEP_COMPLETED") DueAnchor anchor,
        @Schema(nullable = true, description = "For STEP_COMPLETED in a template: the other step's position, from 0",
                example = "0") Integer step,
        @Schema(nullable = true, description = "For STEP_COMPLETED in an instance: the other step's id") UUID stepId,
        @Schema(nullable = true, description = "For KEY_DATE: the key date's name, as on the matter",
                example = "Trial") String keyDate) {

    public static final int MAX_DAYS = 3660;
    public static final int MAX_HOURS = 24 * 366;
    public static final int MAX_KEY_DATE = 100;

    /** The rule's own errors, each field under {@code path} ("steps[2].dueRule"). */
    public List<FieldError> errors(String path) {
        List<FieldError> errors = new ArrayList<>();
        if (unit == null) {
            errors.add(new FieldError(path + ".unit", "must be one of CALENDAR_DAYS, BUSINESS_DAYS, HOURS"));
        } else {
            int max = unit == DueUnit.HOURS ? MAX_HOURS : MAX_DAYS;
            if (Math.abs((long) offset) > max) {
                errors.add(new FieldError(path + ".offset", "must be between -" + max + " and " + max));
            }
        }
        if (anchor == null) {
            errors.add(new FieldError(path + ".anchor",
                    "must be one of INSTANCE_START, STEP_READY, STEP_COMPLETED, KEY_DATE"));
            return errors;
        }
        if (anchor == DueAnchor.KEY_DATE) {
            if (keyDate == null || keyDate.isBlank() || keyDate.strip().length() > MAX_KEY_DATE) {
                errors.add(new FieldError(path + ".keyDate", "must name the matter's key date (1 to " + MAX_KEY_DATE
                        + " characters)"));
            }
        } else if (keyDate != null) {
            errors.add(new FieldError(path + ".keyDate", "only a KEY_DATE rule names a key date"));
        }
        if (anchor != DueAnchor.STEP_COMPLETED && (step != null || stepId != null)) {
            errors.add(new FieldError(path + (step != null ? ".step" : ".stepId"),
                    "only a STEP_COMPLETED rule names another step"));
        }
        return errors;
    }

    /** The same rule with its key date's name trimmed. */
    public DueRule normalized() {
        return keyDate == null ? this : new DueRule(offset, unit, anchor, step, stepId, keyDate.strip());
    }

    /** The same rule naming the other step by id (an instance's form of a template's rule). */
    public DueRule withStepId(UUID id) {
        return new DueRule(offset, unit, anchor, null, id, keyDate);
    }

    /** The rule in words: "3 business days after", "10 business days before", "48 hours after". */
    public String describe() {
        int n = Math.abs(offset);
        String what = switch (unit) {
            case CALENDAR_DAYS -> n == 1 ? "calendar day" : "calendar days";
            case BUSINESS_DAYS -> n == 1 ? "business day" : "business days";
            case HOURS -> n == 1 ? "hour" : "hours";
        };
        return n + " " + what + (offset < 0 ? " before" : " after");
    }
}
