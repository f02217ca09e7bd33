package io.matterflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Due-date arithmetic in a firm's calendar: business and calendar days, hours, time zones and the explanation. */
class DueCalculatorTests {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

    @Test
    void shouldCountBusinessDaysOverAWeekendAndAHoliday() {
        var calendar = calendar(LONDON, Map.of(LocalDate.of(2026, 3, 9), "Commonwealth Day"));

        Due due = DueCalculator.compute(rule(3, DueUnit.BUSINESS_DAYS), completed("2026-03-06T10:00:00Z"), calendar);

        assertThat(due.at()).isEqualTo(Instant.parse("2026-03-12T17:00:00Z"));
        assertThat(due.skipped()).containsExactly(new SkippedDay(LocalDate.of(2026, 3, 7), "Saturday"),
                new SkippedDay(LocalDate.of(2026, 3, 8), "Sunday"),
                new SkippedDay(LocalDate.of(2026, 3, 9), "Holiday: Commonwealth Day"));
        assertThat(due.explanation()).isEqualTo("3 business days after \u201cIntake\u201d completed (Fri 6 Mar 2026):"
                + " Thu 12 Mar 2026, stepping over Sat 7 Mar, Sun 8 Mar and Mon 9 Mar (Holiday: Commonwealth Day);"
                + " due at close of business, 17:00 Europe/London");
        assertThat(due.calendarVersion()).isEqualTo(4L);
        assertThat(due.timeZone()).isEqualTo("Europe/London");
    }

    @Test
    void shouldCountBusinessDaysBackFromAKeyDate() {
        var calendar = calendar(LONDON, Map.of(LocalDate.of(2026, 4, 3), "Good Friday",
                LocalDate.of(2026, 4, 6), "Easter Monday"));

        Due due = DueCalculator.compute(rule(-10, DueUnit.BUSINESS_DAYS), keyDate(LocalDate.of(2026, 4, 15)),
                calendar);

        // back over two weekends and Easter; 30 March is summer time: 17:00 BST is 16:00Z
        assertThat(due.at()).isEqualTo(Instant.parse("2026-03-30T16:00:00Z"));
        assertThat(due.skipped()).extracting(SkippedDay::date).containsExactly(LocalDate.of(2026, 4, 12),
                LocalDate.of(2026, 4, 11), LocalDate.of(2026, 4, 6), LocalDate.of(2026, 4, 5),
                LocalDate.of(2026, 4, 4), LocalDate.of(2026, 4, 3));
        assertThat(due.explanation()).startsWith("10 business days before the key date \u201cTrial\u201d"
                + " (Wed 15 Apr 2026): Mon 30 Mar 2026, stepping over Sun 12 Apr, Sat 11 Apr, Mon 6 Apr (Holiday:"
                + " Easter Monday), Sun 5 Apr, Sat 4 Apr and Fri 3 Apr (Holiday: Good Friday);");
    }

    @Test
    void shouldTakeTheNextBusinessDayForZeroBusinessDaysFromAClosedDay() {
        var calendar = calendar(LONDON, Map.of(LocalDate.of(2026, 3, 9), "Commonwealth Day"));

        Due fromSaturday = DueCalculator.compute(rule(0, DueUnit.BUSINESS_DAYS), keyDate(LocalDate.of(2026, 3, 7)),
                calendar);
        Due fromTuesday = DueCalculator.compute(rule(0, DueUnit.BUSINESS_DAYS), keyDate(LocalDate.of(2026, 3, 10)),
                calendar);

        assertThat(fromSaturday.at()).isEqualTo(Instant.parse("2026-03-10T17:00:00Z"));
        assertThat(fromSaturday.skipped()).hasSize(3);
        assertThat(fromTuesday.at()).isEqualTo(Instant.parse("2026-03-10T17:00:00Z"));
        assertThat(fromTuesday.skipped()).isEmpty();
        assertThat(fromTuesday.explanation()).doesNotContain("stepping over");
    }

    @Test
    void shouldMoveACalendarDayOnAClosedDayForwardAndForANegativeOffsetBack() {
        var calendar = calendar(LONDON, Map.of(LocalDate.of(2026, 12, 25), "Christmas Day"));

        Due forward = DueCalculator.compute(rule(1, DueUnit.CALENDAR_DAYS), keyDate(LocalDate.of(2026, 3, 6)),
                calendar);
        Due back = DueCalculator.compute(rule(-2, DueUnit.CALENDAR_DAYS), keyDate(LocalDate.of(2026, 3, 9)),
                calendar);
        Due onHoliday = DueCalculator.compute(rule(7, DueUnit.CALENDAR_DAYS), keyDate(LocalDate.of(2026, 12, 18)),
                calendar);
        Due open = DueCalculator.compute(rule(4, DueUnit.CALENDAR_DAYS), keyDate(LocalDate.of(2026, 3, 6)),
                calendar);

        assertThat(forward.at()).isEqualTo(Instant.parse("2026-03-09T17:00:00Z"));
        assertThat(forward.explanation()).contains("Mon 9 Mar 2026, moved on from Sat 7 Mar and Sun 8 Mar;");
        assertThat(back.at()).isEqualTo(Instant.parse("2026-03-06T17:00:00Z"));
        assertThat(back.explanation()).contains("Fri 6 Mar 2026, moved back from Sat 7 Mar;");
        assertThat(onHoliday.at()).isEqualTo(Instant.parse("2026-12-28T17:00:00Z"));
        assertThat(onHoliday.skipped()).extracting(SkippedDay::reason)
                .containsExactly("Holiday: Christmas Day", "Saturday", "Sunday");
        assertThat(open.at()).isEqualTo(Instant.parse("2026-03-10T17:00:00Z"));
        assertThat(open.skipped()).isEmpty();
    }

    @Test
    void shouldAddElapsedHoursAcrossLondonsDaylightSavingChanges() {
        var calendar = calendar(LONDON, Map.of());

        // the clocks go forward on Sunday 29 March 2026: 24 hours after Saturday noon is 13:00 on the Sunday
        Due spring = DueCalculator.compute(rule(24, DueUnit.HOURS), completed("2026-03-28T12:00:00Z"), calendar);
        // and back on Sunday 25 October 2026: 24 hours after Saturday noon (BST) is 11:00 on the Sunday
        Due autumn = DueCalculator.compute(rule(24, DueUnit.HOURS), completed("2026-10-24T11:00:00Z"), calendar);

        assertThat(spring.at()).isEqualTo(Instant.parse("2026-03-29T12:00:00Z"));
        assertThat(spring.explanation()).isEqualTo("24 hours after \u201cIntake\u201d completed (Sat 28 Mar 2026"
                + " 12:00): Sun 29 Mar 2026 13:00 Europe/London");
        assertThat(autumn.at()).isEqualTo(Instant.parse("2026-10-25T11:00:00Z"));
        assertThat(autumn.explanation()).endsWith("(Sat 24 Oct 2026 12:00): Sun 25 Oct 2026 11:00 Europe/London");
        assertThat(autumn.skipped()).isEmpty();
    }

    @Test
    void shouldAddElapsedHoursAcrossNewYorksDaylightSavingChange() {
        // the clocks go forward on Sunday 8 March 2026 in New York
        Due due = DueCalculator.compute(rule(24, DueUnit.HOURS), completed("2026-03-07T17:00:00Z"),
                calendar(NEW_YORK, Map.of()));

        assertThat(due.at()).isEqualTo(Instant.parse("2026-03-08T17:00:00Z"));
        assertThat(due.explanation()).endsWith("(Sat 7 Mar 2026 12:00): Sun 8 Mar 2026 13:00 America/New_York");
    }

    @Test
    void shouldCountHoursFromTheStartOfAKeyDateInTheFirmsZone() {
        Due due = DueCalculator.compute(rule(-48, DueUnit.HOURS), keyDate(LocalDate.of(2026, 7, 10)),
                calendar(NEW_YORK, Map.of()));

        assertThat(due.at()).isEqualTo(Instant.parse("2026-07-08T04:00:00Z"));
    }

    @Test
    void shouldKeepCloseOfBusinessLocalAcrossDaylightSaving() {
        var london = calendar(LONDON, Map.of());

        Due summer = DueCalculator.compute(rule(1, DueUnit.BUSINESS_DAYS), completed("2026-03-27T10:00:00Z"), london);
        Due winter = DueCalculator.compute(rule(1, DueUnit.BUSINESS_DAYS), completed("2026-10-23T10:00:00Z"), london);
        Due newYork = DueCalculator.compute(rule(1, DueUnit.BUSINESS_DAYS), completed("2026-03-06T15:00:00Z"),
                calendar(NEW_YORK, Map.of()));

        assertThat(summer.at()).isEqualTo(Instant.parse("2026-03-30T16:00:00Z"));
        assertThat(winter.at()).isEqualTo(Instant.parse("2026-10-26T17:00:00Z"));
        assertThat(newYork.at()).isEqualTo(Instant.parse("2026-03-09T21:00:00Z"));
    }

    @Test
    void shouldCountFromTheAnchorsLocalDateNotItsUtcDate() {
        // 23:30Z on Friday 3 July is 00:30 on Saturday 4 July in London: one business day on is Monday, not Friday
        Due due = DueCalculator.compute(rule(1, DueUnit.BUSINESS_DAYS), completed("2026-07-03T23:30:00Z"),
                calendar(LONDON, Map.of()));

        assertThat(due.at()).isEqualTo(Instant.parse("2026-07-06T16:00:00Z"));
        assertThat(due.explanation()).contains("(Sat 4 Jul 2026): Mon 6 Jul 2026");
    }

    @Test
    void shouldGiveNoDateWhileTheAnchorHasNotHappened() {
        var anchor = new AnchorPoint(DueAnchor.STEP_COMPLETED, UUID.randomUUID(), null,
                "\u201cConflict check\u201d completed", null, null);

        Due due = DueCalculator.compute(rule(3, DueUnit.BUSINESS_DAYS), anchor, calendar(LONDON, Map.of()));

        assertThat(due.at()).isNull();
        assertThat(due.skipped()).isEmpty();
        assertThat(due.explanation()).isEqualTo("No due date yet: 3 business days after \u201cConflict check\u201d"
                + " completed, which has not happened");
        assertThat(due.calendarVersion()).isEqualTo(4L);
    }

    @Test
    void shouldSummarizeMoreThanSixSkippedDaysAndListThemAll() {
        var calendar = calendar(LONDON, Map.of(LocalDate.of(2026, 12, 25), "Christmas Day",
                LocalDate.of(2026, 12, 28), "Boxing Day", LocalDate.of(2027, 1, 1), "New Year's Day"));

        Due due = DueCalculator.compute(rule(10, DueUnit.BUSINESS_DAYS), keyDate(LocalDate.of(2026, 12, 18)),
                calendar);

        assertThat(due.at()).isEqualTo(Instant.parse("2027-01-06T17:00:00Z"));
        assertThat(due.skipped()).hasSize(9);
        assertThat(due.explanation()).contains("Wed 6 Jan 2027, stepping over 6 non-working days and 3 holidays"
                + " (Christmas Day Fri 25 Dec, Boxing Day Mon 28 Dec, New Year's Day Fri 1 Jan);");
    }

    @Test
    void shouldSummarizeOnlyHolidaysWithoutCountingNoWeekend() {
        var holidays = new TreeMap<LocalDate, String>();
        for (int day = 20; day <= 26; day++) {
            holidays.put(LocalDate.of(2026, 7, day), "Office closed");
        }
        var calendar = new FirmCalendar(UUID.randomUUID(), LONDON, EnumSet.allOf(DayOfWeek.class),
                LocalTime.of(17, 0), holidays, 1, List.of(), 2);

        Due due = DueCalculator.compute(rule(1, DueUnit.BUSINESS_DAYS), keyDate(LocalDate.of(2026, 7, 19)), calendar);

        assertThat(due.at()).isEqualTo(Instant.parse("2026-07-27T16:00:00Z"));
        assertThat(due.explanation()).contains("stepping over 7 holidays (Office closed Mon 20 Jul,")
                .doesNotContain("non-working");
    }

    @Test
    void shouldNameOneSkippedDayAlone() {
        Due due = DueCalculator.compute(rule(1, DueUnit.CALENDAR_DAYS), keyDate(LocalDate.of(2026, 3, 7)),
                calendar(LONDON, Map.of()));

        assertThat(due.explanation()).contains("Mon 9 Mar 2026, moved on from Sun 8 Mar;");
    }

    @Test
    void shouldEndABusinessDayCountWithoutWorkingDays() {
        var calendar = new FirmCalendar(UUID.randomUUID(), LONDON, EnumSet.noneOf(DayOfWeek.class),
                LocalTime.of(17, 0), new TreeMap<>(), 1, List.of(), 2);

        Due due = DueCalculator.compute(rule(2, DueUnit.BUSINESS_DAYS), keyDate(LocalDate.of(2026, 3, 2)), calendar);

        assertThat(due.at()).isEqualTo(Instant.parse("2026-03-04T17:00:00Z"));
    }

    private static FirmCalendar calendar(ZoneId zone, Map<LocalDate, String> holidays) {
        return new FirmCalendar(UUID.randomUUID(), zone, WEEKDAYS, LocalTime.of(17, 0), new TreeMap<>(holidays), 4,
                List.of(Duration.ofDays(1)), 2);
    }

    private static DueRule rule(int offset, DueUnit unit) {
        return new DueRule(offset, unit, DueAnchor.STEP_COMPLETED, null, null, null);
    }

    private static AnchorPoint completed(String at) {
        return new AnchorPoint(DueAnchor.STEP_COMPLETED, UUID.randomUUID(), null, "\u201cIntake\u201d completed",
                Instant.parse(at), null);
    }

    private static AnchorPoint keyDate(LocalDate date) {
        return new AnchorPoint(DueAnchor.KEY_DATE, null, "Trial", "the key date \u201cTrial\u201d", null, date);
    }
}
