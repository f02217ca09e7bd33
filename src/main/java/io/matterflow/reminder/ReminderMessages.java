package io.matterflow.reminder;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.matterflow.instance.DueStep;

/** What a notice says: its title ("Due in 7 days: Engagement letter"), and a line about the step and its date. */
final class ReminderMessages {

    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("EEE d MMM uuuu, HH:mm",
            Locale.ENGLISH);

    private ReminderMessages() {
    }

    static String title(Stage stage, String stepTitle) {
        return switch (stage.kind()) {
            case REMINDER -> stage.before().isZero() ? "Due today: " + stepTitle
                    : "Due in " + ReminderPlan.describe(stage.before()) + ": " + stepTitle;
            case OVERDUE -> "Overdue: " + stepTitle;
            case ESCALATION -> "Overdue for " + stage.businessDays()
                    + (stage.businessDays() == 1 ? " business day: " : " business days: ") + stepTitle;
        };
    }

    /** "Intake · M-1 Smith v Jones · due Wed 11 Mar 2026, 17:00 Europe/London". */
    static String summary(DueStep step) {
        return step.instanceTitle() + " · " + matter(step) + " · due " + moment(step.due().at(), zone(step));
    }

    static String matter(DueStep step) {
        return step.matterReference() == null ? "" : step.matterReference() + " " + step.matterTitle();
    }

    /** The moment in the zone, with the zone's name. */
    static String moment(Instant at, ZoneId zone) {
        return at == null ? "no due date" : at.atZone(zone).format(MOMENT) + " " + zone.getId();
    }

    /** The zone the step's date was computed in; UTC for a date that only was set by hand. */
    static ZoneId zone(DueStep step) {
        return step.due() == null || step.due().timeZone() == null ? ZoneId.of("UTC") : ZoneId.of(step.due().timeZone());
    }
}
