package io.matterflow.reminder;

import java.time.Instant;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.TaskDescriptor;

/**
 * A timer's data: which notice ({@link Stage#key()}) about which step, for which due date. A timer whose due date is
 * no longer the step's does nothing: the date that replaced it has timers of its own.
 */
record ReminderTask(UUID stepId, String stage, Instant dueAt) {

    static final TaskDescriptor<ReminderTask> TASK = TaskDescriptor.of("step-reminder", ReminderTask.class);

    /** {@code <stepId>:<stage>:<due>}: a timer per notice and due date, so a moved date never reuses a running one. */
    String instanceId() {
        return prefix(stepId) + stage + ":" + dueAt;
    }

    /** What every timer of the step's instance id starts with. */
    static String prefix(UUID stepId) {
        return stepId + ":";
    }
}
