package io.matterflow.reminder;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import io.matterflow.calendar.DueCalculator;
import io.matterflow.calendar.FirmCalendar;

/**
 * When each notice about a due date goes, in the firm's calendar. A reminder whose time has passed when the date is
 * set is left out (a date set three days ahead gets no "due in 7 days"), except the one at the due time; the owner's
 * notice and the admins' escalation are always planned, and go at once when their time has passed.
 */
final class ReminderPlan {

    /** A notice and when it goes. */
    record Planned(Stage stage, Instant at) {
    }

    private ReminderPlan() {
    }

    static List<Planned> of(Instant due, FirmCalendar calendar, Instant now) {
        List<Planned> plan = new ArrayList<>();
        for (Stage stage : stages(calendar)) {
            Instant at = switch (stage.kind()) {
                case REMINDER -> due.minus(stage.before());
                case OVERDUE -> due;
                case ESCALATION -> businessDaysAfter(due, stage.businessDays(), calendar);
            };
            if (stage.kind() != Stage.Kind.REMINDER || stage.before().isZero() || !at.isBefore(now)) {
                plan.add(new Planned(stage, at));
            }
        }
        return plan;
    }

    /** Every notice the firm's calendar asks for: its reminder stages, the owner's, and the admins' unless set to 0. */
    static List<Stage> stages(FirmCalendar calendar) {
        List<Stage> stages = new ArrayList<>();
        calendar.reminderStages().stream().filter(before -> !before.isNegative()).distinct()
                .forEach(before -> stages.add(Stage.reminder(before)));
        stages.add(Stage.overdue());
        if (calendar.escalationBusinessDays() > 0) {
            stages.add(Stage.escalation(calendar.escalationBusinessDays()));
        }
        return stages;
    }

    /**
     * The same local time {@code days} of the firm's business days after {@code due}, in its zone
     * ({@link DueCalculator#plusBusinessDays}).
     */
    static Instant businessDaysAfter(Instant due, int days, FirmCalendar calendar) {
        ZonedDateTime local = due.atZone(calendar.zone());
        LocalDate date = DueCalculator.plusBusinessDays(local.toLocalDate(), days, calendar);
        return ZonedDateTime.of(date, local.toLocalTime(), calendar.zone()).toInstant();
    }

    /** "7 days", "1 day", "4 hours", "90 minutes": how long before the due time a reminder goes. */
    static String describe(Duration before) {
        if (before.toMinutesPart() == 0 && before.toSecondsPart() == 0 && before.toHoursPart() == 0) {
            long days = before.toDays();
            return days + (days == 1 ? " day" : " days");
        }
        if (before.toMinutesPart() == 0 && before.toSecondsPart() == 0) {
            long hours = before.toHours();
            return hours + (hours == 1 ? " hour" : " hours");
        }
        long minutes = Math.max(1, before.toMinutes());
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }
}
