package io.matterflow.calendar;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.transform.recurrence.Frequency;

import io.matterflow.common.ValidationException;

/**
 * The holidays of an iCalendar file: each all-day VEVENT ({@code DTSTART;VALUE=DATE}) gives its dates (DTEND is
 * exclusive, so a two-day event gives two), named by its SUMMARY; a yearly RRULE gives its occurrences in the window,
 * EXDATEs left out. Everything else is skipped with a reason: timed events, other repetitions, cancelled events,
 * events without a name, dates outside the window.
 */
final class HolidayFile {

    /** An event longer than this is not a holiday but a period (a term, a sabbatical). */
    static final int MAX_DAYS = 31;

    record Dated(LocalDate date, String name) {
    }

    record Read(List<Dated> dates, List<HolidayImport.Skipped> skipped) {
    }

    private HolidayFile() {
    }

    /** The file's dates from {@code from} to {@code to} (both included); 400 naming {@code file} if it is not iCalendar. */
    static Read read(byte[] content, LocalDate from, LocalDate to) {
        Calendar calendar;
        try {
            calendar = new CalendarBuilder().build(new ByteArrayInputStream(content));
        } catch (ParserException | IOException | DateTimeException | IllegalArgumentException e) {
            throw ValidationException.of("Invalid calendar file", "file",
                    "is not an iCalendar (.ics) file: " + e.getMessage());
        }
        List<Dated> dates = new ArrayList<>();
        List<HolidayImport.Skipped> skipped = new ArrayList<>();
        for (VEvent event : calendar.<VEvent>getComponents(Component.VEVENT)) {
            List<Dated> its = new ArrayList<>();
            try {
                read(event, from, to, its, skipped);
                dates.addAll(its);
            } catch (DateTimeException | IllegalArgumentException e) {
                // well-formed but meaningless together, such as an all-day start with a timed end
                skipped.add(new HolidayImport.Skipped(text(event, Property.SUMMARY).orElse(null), null,
                        "could not be read: " + e.getMessage()));
            }
        }
        return new Read(dates, skipped);
    }

    private static void read(VEvent event, LocalDate from, LocalDate to, List<Dated> dates,
                             List<HolidayImport.Skipped> skipped) {
        String name = text(event, Property.SUMMARY).map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
        Optional<DtStart<Temporal>> start = event.getProperty(Property.DTSTART);
        LocalDate first = start.map(DtStart::getDate).filter(LocalDate.class::isInstance).map(LocalDate.class::cast)
                .orElse(null);
        String reason = null;
        if (start.isEmpty()) {
            reason = "has no start date (DTSTART)";
        } else if (first == null) {
            reason = "has a time of day (" + start.get().getValue() + "): only all-day events are holidays";
        } else if (name == null) {
            reason = "has no name (SUMMARY)";
        } else if (name.length() > BusinessCalendars.MAX_NAME) {
            reason = "has a name longer than " + BusinessCalendars.MAX_NAME + " characters";
        } else if (text(event, Property.STATUS).filter("CANCELLED"::equalsIgnoreCase).isPresent()) {
            reason = "is cancelled";
        } else if (event.<RRule<Temporal>>getProperty(Property.RRULE)
                .filter(rule -> rule.getRecur().getFrequency() != Frequency.YEARLY).isPresent()) {
            reason = "repeats other than yearly: only yearly repeating events are holidays";
        }
        if (reason != null) {
            skipped.add(new HolidayImport.Skipped(name, first, reason));
            return;
        }
        var occurrences = new TreeSet<Period<LocalDate>>(event.calculateRecurrenceSet(
                new Period<>(from, to.plusDays(1))));
        if (occurrences.isEmpty()) {
            skipped.add(new HolidayImport.Skipped(name, first, "falls outside " + from + " to " + to
                    + ", the dates an import takes"));
        }
        for (Period<LocalDate> occurrence : occurrences) {
            LocalDate day = occurrence.getStart();
            long days = Math.max(1, ChronoUnit.DAYS.between(day, occurrence.getEnd()));
            if (days > MAX_DAYS) {
                skipped.add(new HolidayImport.Skipped(name, day, "lasts " + days + " days, more than the "
                        + MAX_DAYS + " a holiday may"));
                continue;
            }
            for (int i = 0; i < days; i++, day = day.plusDays(1)) {
                if (day.isBefore(from) || day.isAfter(to)) {
                    continue;
                }
                dates.add(new Dated(day, name));
            }
        }
    }

    private static Optional<String> text(VEvent event, String property) {
        return event.<Property>getProperty(property).map(Property::getValue);
    }
}
