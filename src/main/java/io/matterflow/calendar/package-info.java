/**
 * The firm's time and calendar: its time zone, working days, close of business and holidays
 * ({@link io.matterflow.calendar.BusinessCalendars}, {@link io.matterflow.calendar.FirmCalendar}), its reminder
 * settings, and due-date arithmetic ({@link io.matterflow.calendar.DueRule}, {@link io.matterflow.calendar.DueCalculator}):
 * N calendar days, business days or hours from an anchor, computed in the firm's zone and explained
 * ({@link io.matterflow.calendar.Due}). Admins change the calendar (settings, holidays, an iCalendar import); each
 * change is versioned, audited and published as {@link io.matterflow.calendar.CalendarChanged}. Knows nothing of
 * workflows: the instance module gives it anchors and recomputes its due dates on a change.
 */
package io.matterflow.calendar;
