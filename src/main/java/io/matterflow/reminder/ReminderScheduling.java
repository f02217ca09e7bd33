package io.matterflow.reminder;

import java.time.Clock;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.matterflow.action.ActionState;
import io.matterflow.calendar.BusinessCalendars;
import io.matterflow.instance.Deadlines;
import io.matterflow.instance.StepDueChanged;
import io.matterflow.instance.StepTransitioned;

/**
 * Keeps a step's timers true to its due date, in the transaction that changed the date or ended the step (plain
 * listeners: both events are published inside it), so a change that rolls back leaves the timers as they were.
 */
@Component
class ReminderScheduling {

    private final ReminderTimers timers;
    private final BusinessCalendars calendars;
    private final Deadlines deadlines;
    private final Clock clock;

    ReminderScheduling(ReminderTimers timers, BusinessCalendars calendars, Deadlines deadlines, Clock clock) {
        this.timers = timers;
        this.calendars = calendars;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    /** A new date replaces the old one's timers; no date leaves none. */
    @EventListener
    void on(StepDueChanged event) {
        var calendar = calendars.of(event.orgId());
        if (event.at() == null) {
            timers.cancel(event.stepId(), event.previousAt(), calendar);
        } else {
            timers.schedule(event.stepId(), event.previousAt(), event.at(), calendar, clock.instant());
        }
    }

    /** A step that is done needs no reminder. */
    @EventListener
    void on(StepTransitioned event) {
        if (event.from() == event.to()
                || (event.to() != ActionState.COMPLETED && event.to() != ActionState.SKIPPED)) {
            return;
        }
        deadlines.dueAt(event.stepId())
                .ifPresent(at -> timers.cancel(event.stepId(), at, calendars.of(event.orgId())));
    }
}
