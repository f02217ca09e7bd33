package io.matterflow.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.matterflow.calendar.FirmCalendar;

/** When each notice goes: stages before the due time, past ones left out, escalation in the firm's business days. */
class ReminderPlanTests {

    static final ZoneId LONDON = ZoneId.of("Europe/London");

    static FirmCalendar london(int escalationDays, LocalDate... holidays) {
        var days = new TreeMap<LocalDate, String>();
        for (LocalDate holiday : holidays) {
            days.put(holiday, "Bank holiday");
        }
        return new FirmCalendar(UUID.randomUUID(), LONDON, EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                LocalTime.of(17, 0), days, 1, List.of(Duration.ofDays(7), Duration.ofDays(1), Duration.ZERO),
                escalationDays);
    }

    @Test
    void shouldCountBusinessDaysOverWeekendsHolidaysAndAClockChangeAtTheSameLocalTime() {
        // Friday 27 March 2026, 17:00 GMT; Monday 30 March is a holiday; the clocks go forward on Sunday 29 March
        Instant due = Instant.parse("2026-03-27T17:00:00Z");
        Instant escalation = ReminderPlan.businessDaysAfter(due, 2, london(2, LocalDate.of(2026, 3, 30)));
        assertThat(escalation.atZone(LONDON).toLocalDate()).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(escalation.atZone(LONDON).toLocalTime()).isEqualTo(LocalTime.of(17, 0));
        assertThat(escalation).isEqualTo(Instant.parse("2026-04-01T16:00:00Z"));
    }

    @Test
    void shouldLeaveOutPassedRemindersButKeepTheDueTimeTheOwnerAndTheAdmins() {
        Instant due = Instant.parse("2026-03-16T17:00:00Z");
        var plan = ReminderPlan.of(due, london(2), Instant.parse("2026-03-20T09:00:00Z"));
        assertThat(plan).extracting(p -> p.stage().key()).containsExactly("PT0S", "OVERDUE", "OVERDUE+2BD");
        assertThat(plan.get(2).at()).isEqualTo(Instant.parse("2026-03-18T17:00:00Z"));
        assertThat(ReminderPlan.of(due, london(0), Instant.parse("2026-03-01T09:00:00Z")))
                .extracting(p -> p.stage().key()).containsExactly("PT168H", "PT24H", "PT0S", "OVERDUE");
    }

    @Test
    void shouldNameEachStageAndReadItBack() {
        for (Stage stage : List.of(Stage.reminder(Duration.ofDays(7)), Stage.reminder(Duration.ZERO),
                Stage.reminder(Duration.ofHours(4)), Stage.overdue(), Stage.escalation(3))) {
            assertThat(Stage.parse(stage.key())).isEqualTo(stage);
        }
        assertThat(ReminderMessages.title(Stage.reminder(Duration.ofDays(7)), "Filing")).isEqualTo("Due in 7 days: Filing");
        assertThat(ReminderMessages.title(Stage.reminder(Duration.ofHours(4)), "Filing")).isEqualTo("Due in 4 hours: Filing");
        assertThat(ReminderMessages.title(Stage.reminder(Duration.ZERO), "Filing")).isEqualTo("Due today: Filing");
        assertThat(ReminderMessages.title(Stage.escalation(1), "Filing")).isEqualTo("Overdue for 1 business day: Filing");
    }
}
