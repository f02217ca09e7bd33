package io.matterflow.reminder;

import java.util.Objects;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.matterflow.instance.Deadlines;
import io.matterflow.instance.DueStep;
import io.matterflow.instance.StepDueChanged;

/**
 * Tells a step's people when its date moved (its anchor moved, the calendar changed, someone set it by hand): an
 * in-app notification with the old and new date and why. After commit, from Modulith's event registry; the audit
 * event's id as source makes a second delivery harmless. A first computation tells nobody: the step's own
 * notifications (ready, assigned) show its date.
 */
@Component
class DueDateMovedNotifier {

    static final String KIND = "STEP_DUE_MOVED";

    private final Deadlines deadlines;
    private final ReminderNotices notices;

    DueDateMovedNotifier(Deadlines deadlines, ReminderNotices notices) {
        this.deadlines = deadlines;
        this.notices = notices;
    }

    @ApplicationModuleListener
    void on(StepDueChanged event) {
        if (!event.recomputed() || Objects.equals(event.previousAt(), event.at())) {
            return;
        }
        deadlines.step(event.stepId()).filter(DueStep::open).ifPresent(step -> {
            var zone = ReminderMessages.zone(step);
            String body = ReminderMessages.moment(event.previousAt(), zone) + " \u2192 "
                    + ReminderMessages.moment(event.at(), zone)
                    + (event.explanation() == null ? "" : ": " + event.explanation());
            notices.tell(deadlines.recipients(step), step, event.auditEventId(), KIND,
                    "Due date moved: " + step.stepTitle(), body);
        });
    }
}
