package io.matterflow.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Due-date arithmetic in the firm's calendar. Day-based rules work on dates in the firm's time zone (the anchor's
 * local date) and fall due at close of business on the resulting date, so a daylight-saving change never moves a
 * due date off its day; hour-based rules add elapsed hours to the anchor's moment. Business days are the firm's
 * working days that are not holidays: counting N of them steps over the others; a calendar-day result that lands on
 * a day the firm is closed moves to the next business day (the previous one for a negative offset: "10 days before
 * the trial" must fall before it). A zero business-day offset from a closed day means the next business day.
 */
public final class DueCalculator {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM uuuu", Locale.ENGLISH);
    static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("EEE d MMM uuuu HH:mm", Locale.ENGLISH);
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    /** Beyond this many, the explanation counts the days stepped over instead of naming each ({@code skipped} has them all). */
    static final int NAMED_SKIPS = 6;

    private DueCalculator() {
    }

    public static Due compute(DueRule rule, AnchorPoint anchor, FirmCalendar calendar) {
        String zone = calendar.zone().getId();
        if (!anchor.known()) {
            return new Due(null, rule, anchor, "No due date yet: " + rule.describe() + " " + anchor.label()
                    + ", which has not happened", calendar.version(), zone, List.of(), null);
        }
        if (rule.unit() == DueUnit.HOURS) {
            ZonedDateTime base = anchor.at() != null ? anchor.at().atZone(calendar.zone())
                    : anchor.date().atStartOfDay(calendar.zone());
            Instant at = base.toInstant().plusSeconds(3600L * rule.offset());
            String text = rule.describe() + " " + anchor.label() + " (" + base.format(MOMENT) + "): "
                    + at.atZone(calendar.zone()).format(MOMENT) + " " + zone;
            return new Due(at, rule, anchor, text, calendar.version(), zone, List.of(), null);
        }
        LocalDate base = anchor.date() != null ? anchor.date() : anchor.at().atZone(calendar.zone()).toLocalDate();
        List<SkippedDay> skipped = new ArrayList<>();
        LocalDate date = rule.unit() == DueUnit.BUSINESS_DAYS ? businessDays(base, rule.offset(), calendar, skipped)
                : calendarDays(base, rule.offset(), calendar, skipped);
        Instant at = date.atTime(calendar.closeOfBusiness()).atZone(calendar.zone()).toInstant();
        StringBuilder text = new StringBuilder(rule.describe()).append(' ').append(anchor.label()).append(" (")
                .append(base.format(DAY)).append("): ").append(date.format(DAY));
        if (rule.unit() == DueUnit.CALENDAR_DAYS && !skipped.isEmpty()) {
            text.append(", moved ").append(rule.offset() < 0 ? "back" : "on").append(" from ")
                    .append(describe(skipped));
        } else if (!skipped.isEmpty()) {
            text.append(", stepping over ").append(describe(skipped));
        }
        text.append("; due at close of business, ").append(calendar.closeOfBusiness().format(TIME)).append(' ')
                .append(zone);
        return new Due(at, rule, anchor, text.toString(), calendar.version(), zone, skipped, null);
    }

    /**
     * The date {@code days} of the firm's business days after {@code base} (before it when negative); the next
     * business day for 0. A calendar without working days counts calendar days.
     */
    public static LocalDate plusBusinessDays(LocalDate base, int days, FirmCalendar calendar) {
        return businessDays(base, days, calendar, new ArrayList<>());
    }

    private static LocalDate businessDays(LocalDate base, int offset, FirmCalendar calendar, List<SkippedDay> skipped) {
        LocalDate date = base;
        if (offset == 0) {
            return nextOpen(date, 1, calendar, skipped);
        }
        if (calendar.workingDays().isEmpty()) {
            return base.plusDays(offset); // no day would ever count: without working days, every day does
        }
        int step = offset > 0 ? 1 : -1;
        for (int remaining = Math.abs(offset); remaining > 0; ) {
            date = date.plusDays(step);
            var closed = calendar.closedBecause(date);
            if (closed.isPresent()) {
                skipped.add(new SkippedDay(date, closed.get()));
            } else {
                remaining--;
            }
        }
        return date;
    }

    private static LocalDate calendarDays(LocalDate base, int offset, FirmCalendar calendar, List<SkippedDay> skipped) {
        return nextOpen(base.plusDays(offset), offset < 0 ? -1 : 1, calendar, skipped);
    }

    /** The date itself when the firm works that day, else the first such day in {@code step}'s direction. */
    private static LocalDate nextOpen(LocalDate date, int step, FirmCalendar calendar, List<SkippedDay> skipped) {
        if (calendar.workingDays().isEmpty()) {
            return date; // a calendar without working days has no business day to move to
        }
        for (var closed = calendar.closedBecause(date); closed.isPresent(); closed = calendar.closedBecause(date)) {
            skipped.add(new SkippedDay(date, closed.get()));
            date = date.plusDays(step);
        }
        return date;
    }

    private static String describe(List<SkippedDay> skipped) {
        if (skipped.size() <= NAMED_SKIPS) {
            List<String> named = skipped.stream().map(day -> day.date().format(SHORT_DAY)
                    + (day.reason().startsWith("Holiday") ? " (" + day.reason() + ")" : "")).toList();
            return join(named);
        }
        List<SkippedDay> holidays = skipped.stream().filter(day -> day.reason().startsWith("Holiday")).toList();
        long weekend = skipped.size() - holidays.size();
        List<String> parts = new ArrayList<>();
        if (weekend > 0) {
            parts.add(weekend + " non-working " + (weekend == 1 ? "day" : "days"));
        }
        if (!holidays.isEmpty()) {
            parts.add(holidays.size() + (holidays.size() == 1 ? " holiday (" : " holidays (")
                    + String.join(", ", holidays.stream().map(day -> day.reason().substring("Holiday: ".length())
                    + " " + day.date().format(SHORT_DAY)).toList()) + ")");
        }
        return join(parts);
    }

    private static String join(List<String> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }
}
