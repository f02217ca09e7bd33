package io.matterflow.condition;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import io.matterflow.common.FieldError;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One test of a condition: either an earlier step's outcome ({@code step} by position in a template, {@code stepId}
 * in an instance, with {@code outcome} and, for an outcome about a config item, {@code item}), or a matter field
 * ({@code matter}: PRACTICE_AREA {@code equals} a value, KEY_DATE named {@code keyDate} is set). {@code not} turns the
 * test round.
 */
@Schema(name = "ConditionClause", description = "One test of a condition: an earlier step's outcome (`step` by position in a template, `stepId`"
        + " in an instance, `outcome`, `item` for a checklist item) or a matter field (`matter`: PRACTICE_AREA with"
        + " `equals`, KEY_DATE with `keyDate`); `not` turns it round")
public record Clause(
        @Schema(nullable = true, description = "In a template: the earlier step's position, from 0", example = "0")
        Integer step,
        @Schema(nullable = true, description = "In an instance: the earlier step's id") UUID stepId,
        @Schema(nullable = true, description = "The step's outcome: COMPLETED, SKIPPED, or one its type names"
                + " (APPROVED, REJECTED, SIGNED, DECLINED, PAID, PAYMENT_FAILED, CHECKED, UNCHECKED)",
                example = "REJECTED") String outcome,
        @Schema(nullable = true, description = "For CHECKED and UNCHECKED: the checklist item") String item,
        @Schema(nullable = true, description = "A matter field instead of a step") MatterField matter,
        @Schema(nullable = true, description = "For PRACTICE_AREA: the value it equals (ignoring case)",
                example = "Litigation") String equals,
        @Schema(nullable = true, description = "For KEY_DATE: the key date's name", example = "Trial")
        String keyDate,
        @Schema(nullable = true, description = "true: the test must not hold") Boolean not) {

    public static final int MAX_TEXT = 100;
    public static final int MAX_ITEM = 200;
    private static final Pattern OUTCOME = Pattern.compile("[A-Z][A-Z_]{0,49}");

    public static Clause outcome(int step, String outcome) {
        return new Clause(step, null, outcome, null, null, null, null, null);
    }

    public static Clause practiceArea(String value) {
        return new Clause(null, null, null, null, MatterField.PRACTICE_AREA, value, null, null);
    }

    public static Clause keyDateSet(String name) {
        return new Clause(null, null, null, null, MatterField.KEY_DATE, null, name, null);
    }

    public Clause negated() {
        return new Clause(step, stepId, outcome, item, matter, equals, keyDate, !negates());
    }

    public boolean negates() {
        return Boolean.TRUE.equals(not);
    }

    /** Whether the clause is about an earlier step (else about a matter field). */
    public boolean aboutStep() {
        return matter == null;
    }

    /** The same clause naming its step by id. */
    public Clause withStepId(UUID id) {
        return new Clause(null, id, outcome, item, matter, equals, keyDate, not);
    }

    Clause normalized() {
        return new Clause(step, stepId, outcome, item == null ? null : item.strip(), matter,
                equals == null ? null : equals.strip(), keyDate == null ? null : keyDate.strip(),
                negates() ? Boolean.TRUE : null);
    }

    /** The clause's own errors (not whether the step it names exists), each under {@code path}. */
    List<FieldError> errors(String path) {
        List<FieldError> errors = new ArrayList<>();
        if (matter == null) {
            if (step == null && stepId == null) {
                errors.add(new FieldError(path + ".step", "must name the earlier step (its position, from 0), or"
                        + " the clause must name a matter field"));
            }
            if (outcome == null || !OUTCOME.matcher(outcome).matches()) {
                errors.add(new FieldError(path + ".outcome", "must name the step's outcome, such as COMPLETED,"
                        + " SKIPPED, APPROVED or REJECTED"));
            }
            if (item != null && (item.isBlank() || item.strip().length() > MAX_ITEM)) {
                errors.add(new FieldError(path + ".item", "must be 1 to " + MAX_ITEM + " characters"));
            }
            if (equals != null || keyDate != null) {
                errors.add(new FieldError(path + (equals != null ? ".equals" : ".keyDate"),
                        "only a matter clause takes a value"));
            }
            return errors;
        }
        if (step != null || stepId != null || outcome != null || item != null) {
            errors.add(new FieldError(path + ".matter", "a clause names either a step's outcome or a matter field,"
                    + " not both"));
        }
        if (matter == MatterField.PRACTICE_AREA) {
            if (blankOrLong(equals)) {
                errors.add(new FieldError(path + ".equals", "must be the practice area (1 to " + MAX_TEXT
                        + " characters)"));
            }
            if (keyDate != null) {
                errors.add(new FieldError(path + ".keyDate", "only a KEY_DATE clause names a key date"));
            }
        } else {
            if (blankOrLong(keyDate)) {
                errors.add(new FieldError(path + ".keyDate", "must name the matter's key date (1 to " + MAX_TEXT
                        + " characters)"));
            }
            if (equals != null) {
                errors.add(new FieldError(path + ".equals", "only a PRACTICE_AREA clause takes a value"));
            }
        }
        return errors;
    }

    private static boolean blankOrLong(String text) {
        return text == null || text.isBlank() || text.strip().length() > MAX_TEXT;
    }
}
