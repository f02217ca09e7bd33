package io.matterflow.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A firm's calendar settings as an admin writes them: all of them at once. {@link BusinessCalendars#update} checks
 * them, naming each failing field. Reminder stages are durations before the due time, written in ISO-8601
 * ({@code P7D}, {@code PT4H}, {@code PT0S}) or short ({@code 7d}, {@code 4h}, {@code 0}).
 */
@Schema(description = "The firm's calendar settings", requiredProperties = {"timeZone", "workingDays",
        "closeOfBusiness", "reminderStages", "escalationBusinessDays"})
public record CalendarSettings(
        @Schema(description = "An IANA time zone", example = "Europe/London") String timeZone,
        @ArraySchema(uniqueItems = true, minItems = 1, schema = @Schema(example = "MONDAY"))
        Set<DayOfWeek> workingDays,
        @Schema(description = "When a day-based due date falls due, HH:mm in the firm's zone", example = "17:00")
        String closeOfBusiness,
        @ArraySchema(maxItems = BusinessCalendars.MAX_STAGES, schema = @Schema(description = "How long before the"
                + " due time a reminder goes: 0 to 60 days, ISO-8601", example = "P7D"))
        List<String> reminderStages,
        @Schema(description = "Business days overdue before the firm's admins are told", minimum = "0",
                maximum = "60", example = "2") Integer escalationBusinessDays) {

    /** The settings of a calendar as stored, stages longest first in ISO-8601. */
    public static CalendarSettings of(FirmCalendar calendar) {
        return new CalendarSettings(calendar.zone().getId(), new TreeSet<>(calendar.workingDays()),
                calendar.closeOfBusiness().format(DueCalculator.TIME),
                calendar.reminderStages().stream().map(CalendarSettings::iso).toList(),
                calendar.escalationBusinessDays());
    }

    /** ISO-8601 with whole days as days: {@code P7D} rather than {@code Duration}'s {@code PT168H}. */
    public static String iso(Duration duration) {
        return !duration.isZero() && duration.toSeconds() % 86_400 == 0 && duration.getNano() == 0
                ? "P" + duration.toDays() + "D" : duration.toString();
    }
}
