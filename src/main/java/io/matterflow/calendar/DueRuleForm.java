package io.matterflow.calendar;

import java.util.UUID;

/**
 * A due rule as the pages' "Due" fields post it (fragments/due-rule): whether the step is due at all, a number of
 * units with "after" or "before" for its sign, the anchor, and the other step or the key date the anchor names. Only
 * the fields the chosen anchor needs reach the rule, so the hidden ones may post what they like. A blank number is 0:
 * due on the anchor's day.
 */
public class DueRuleForm {

    /** Whether the step is due ("Due …") or not ("No due date"); null when the page posted no due fields. */
    private Boolean due;
    private Integer offset;
    private DueUnit unit = DueUnit.BUSINESS_DAYS;
    private boolean before;
    private DueAnchor anchor = DueAnchor.STEP_READY;
    /** The other step in a template: its row as the page submitted it, from 0. */
    private Integer step;
    /** The other step in an instance. */
    private UUID stepId;
    private String keyDate;

    /** One choice of the "another step is completed" select: what it posts, what it says. */
    public record StepChoice(String value, String label) {
    }

    /** The fields showing {@code rule}, or "No due date" for none. */
    public static DueRuleForm of(DueRule rule) {
        var form = new DueRuleForm();
        form.due = rule != null;
        if (rule != null) {
            form.offset = Math.abs(rule.offset());
            form.unit = rule.unit();
            form.before = rule.offset() < 0;
            form.anchor = rule.anchor();
            form.step = rule.step();
            form.stepId = rule.stepId();
            form.keyDate = rule.keyDate();
        }
        return form;
    }

    /** The rule the fields describe; null for "No due date" or when no due fields were posted. */
    public DueRule toRule() {
        if (!isDue()) {
            return null;
        }
        int units = offset == null ? 0 : Math.abs(offset);
        boolean otherStep = anchor == DueAnchor.STEP_COMPLETED;
        return new DueRule(before ? -units : units, unit, anchor, otherStep ? step : null, otherStep ? stepId : null,
                anchor == DueAnchor.KEY_DATE ? blankToNull(keyDate) : null);
    }

    /** Whether the page chose "No due date": an instance step's rule is then taken away. */
    public boolean removesRule() {
        return Boolean.FALSE.equals(due);
    }

    public boolean isDue() { return Boolean.TRUE.equals(due); }

    /** The chosen other step as its choice posts it: the template row or the instance step id. */
    public String getAnchorStep() {
        return step != null ? step.toString() : stepId != null ? stepId.toString() : null;
    }

    public Boolean getDue() { return due; }
    public void setDue(Boolean due) { this.due = due; }
    public Integer getOffset() { return offset; }
    public void setOffset(Integer offset) { this.offset = offset; }
    public DueUnit getUnit() { return unit; }
    public void setUnit(DueUnit unit) { this.unit = unit; }
    public boolean isBefore() { return before; }
    public void setBefore(boolean before) { this.before = before; }
    public DueAnchor getAnchor() { return anchor; }
    public void setAnchor(DueAnchor anchor) { this.anchor = anchor; }
    public Integer getStep() { return step; }
    public void setStep(Integer step) { this.step = step; }
    public UUID getStepId() { return stepId; }
    public void setStepId(UUID stepId) { this.stepId = stepId; }
    public String getKeyDate() { return keyDate; }
    public void setKeyDate(String keyDate) { this.keyDate = keyDate; }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
