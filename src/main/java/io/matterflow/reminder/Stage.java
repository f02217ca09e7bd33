package io.matterflow.reminder;

import java.time.Duration;

/**
 * One notice about a due date. A {@code REMINDER} goes {@code before} the due time (zero: at it) to the step's
 * people, {@code OVERDUE} at the due time to the matter's owner, {@code ESCALATION} to the firm's admins
 * {@code businessDays} business days after it. {@link #key()} names it in timers and in {@code step_reminders}.
 */
record Stage(Kind kind, Duration before, int businessDays) {

    enum Kind { REMINDER, OVERDUE, ESCALATION }

    private static final String OVERDUE_KEY = "OVERDUE";
    private static final String ESCALATION_PREFIX = "OVERDUE+";
    private static final String BUSINESS_DAYS_SUFFIX = "BD";

    static Stage reminder(Duration before) {
        return new Stage(Kind.REMINDER, before, 0);
    }

    static Stage overdue() {
        return new Stage(Kind.OVERDUE, Duration.ZERO, 0);
    }

    static Stage escalation(int businessDays) {
        return new Stage(Kind.ESCALATION, Duration.ZERO, businessDays);
    }

    /** "PT168H" (a reminder 7 days before), "PT0S" (at the due time), "OVERDUE", "OVERDUE+2BD". */
    String key() {
        return switch (kind) {
            case REMINDER -> before.toString();
            case OVERDUE -> OVERDUE_KEY;
            case ESCALATION -> ESCALATION_PREFIX + businessDays + BUSINESS_DAYS_SUFFIX;
        };
    }

    static Stage parse(String key) {
        if (key.equals(OVERDUE_KEY)) {
            return overdue();
        }
        if (key.startsWith(ESCALATION_PREFIX) && key.endsWith(BUSINESS_DAYS_SUFFIX)) {
            return escalation(Integer.parseInt(key.substring(ESCALATION_PREFIX.length(),
                    key.length() - BUSINESS_DAYS_SUFFIX.length())));
        }
        return reminder(Duration.parse(key));
    }

    /** The audit event's action: a reminder to the step's people, or an escalation of an overdue step. */
    String auditAction() {
        return kind == Kind.REMINDER ? "step.remind" : "step.escalate";
    }
}
