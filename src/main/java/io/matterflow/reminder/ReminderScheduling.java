package io.matterflow.reminder;

import java.time.Clock;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.matterflow.action.ActionState;
import io.matterflow.calendar.BusinessCalendars;
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
    private final Clock clock;

    ReminderScheduling(ReminderTimers timers, BusinessCalendars calendars, Clock clock) {
        this.timers = timers;
        this.calendars = calendars;
        this.clock = clock;
    }

    /** A new date replaces the old one's timers; no date leaves none. */
    @EventListener
    void on(StepDueChanged event) {
        if (event.at() == null) {
            timers.cancel(event.stepId());
        } else {
            timers.schedule(event.stepId(), event.at(), calendars.of(event.orgId()), clock.instant());
        }
    }

    /** A step that is done needs no reminder. */
    @EventListener
    void on(StepTransitioned event) {
        if (event.from() != event.to() && (event.to() == ActionState.COMPLETED || event.to() == ActionState.SKIPPED)) {
            timers.cancel(event.stepId());
        }
    }
}
