package io.matterflow.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.UUID;

/**
 * One firm's calendar as stored now: time zone, working days, the time of day a day-based due date falls at
 * ({@code closeOfBusiness}), holidays by date, a version that changes with every change, and the reminder settings
 * (stages before the due time; business days overdue before admins are told).
 */
public record FirmCalendar(UUID orgId, ZoneId zone, Set<DayOfWeek> workingDays, LocalTime closeOfBusiness,
                           SortedMap<LocalDate, String> holidays, long version, List<Duration> reminderStages,
                           int escalationBusinessDays) {

    public boolean isBusinessDay(LocalDate date) {
        return workingDays.contains(date.getDayOfWeek()) && !holidays.containsKey(date);
    }

    /** Why the firm does not work that day ("Saturday", "Holiday: Christmas Day"); empty on a business day. */
    public Optional<String> closedBecause(LocalDate date) {
        String holiday = holidays.get(date);
        if (holiday != null) {
            return Optional.of("Holiday: " + holiday);
        }
        if (!workingDays.contains(date.getDayOfWeek())) {
            return Optional.of(date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        }
        return Optional.empty();
    }
}
