/**
 * Telling people about due dates: reminders before a step falls due (the firm calendar's reminder stages), the
 * matter's owner when it is overdue, the firm's admins when it is still open some business days later, and the
 * people of a step whose date moved. Reminders are durable timers ({@link io.matterflow.scheduler}) scheduled, moved
 * and cancelled in the transaction that changed the due date or ended the step; each is sent once, however many
 * nodes run. Also each user's private iCalendar feed of their dated steps ({@link io.matterflow.reminder.CalendarFeeds})
 * and the {@code workflow.steps.overdue} gauge. Reads steps through the instance module's
 * {@link io.matterflow.instance.Deadlines}; tells people through the notification module.
 */
package io.matterflow.reminder;
