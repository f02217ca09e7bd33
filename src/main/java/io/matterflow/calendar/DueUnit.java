package io.matterflow.calendar;

/** What a due rule's offset counts. */
public enum DueUnit {
    /** Calendar days; a date that falls on a weekend or holiday moves to the nearest business day away from the anchor's side. */
    CALENDAR_DAYS,
    /** Days the firm works: its working days that are not holidays. */
    BUSINESS_DAYS,
    /** Elapsed hours, whatever the calendar says. */
    HOURS
}
