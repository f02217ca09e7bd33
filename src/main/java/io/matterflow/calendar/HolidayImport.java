package io.matterflow.calendar;

import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What an iCalendar import did: the holidays added, those renamed (the date was a holiday by another name), the
 * events or dates left out and why, and the calendar's version after it.
 */
@Schema(description = "What an import of an .ics file did")
public record HolidayImport(List<Holiday> added, List<Renamed> renamed, List<Skipped> skipped,
                            @Schema(example = "5") long version) {

    public HolidayImport {
        added = List.copyOf(added);
        renamed = List.copyOf(renamed);
        skipped = List.copyOf(skipped);
    }

    /** A holiday that had another name. */
    @Schema(name = "RenamedHoliday", description = "A holiday the import gave a new name")
    public record Renamed(LocalDate date, @Schema(example = "Bank holiday") String from,
                          @Schema(example = "Early May bank holiday") String to) {
    }

    /** An event, or one date of it, that did not become a holiday. */
    @Schema(name = "SkippedEvent", description = "An event, or one of its dates, that did not become a holiday")
    public record Skipped(@Schema(nullable = true, description = "The event's SUMMARY", example = "Partners' meeting")
                          String summary,
                          @Schema(nullable = true, description = "The date, when the event has one") LocalDate date,
                          @Schema(example = "has a time of day: only all-day events are holidays") String reason) {
    }
}
