package io.matterflow.reminder;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import com.github.kagkarlsson.scheduler.SchedulerClient;

import io.matterflow.calendar.FirmCalendar;

/**
 * A step's reminder timers, changed in the caller's transaction. Scheduling goes through db-scheduler's client.
 * Cancelling deletes the timers of one due date by their ids in one statement (the client cancels one id at a time
 * and fails on a missing one), leaving alone a timer running at this moment: it finds the step changed and does
 * nothing. A timer left behind because the firm changed its reminder stages meanwhile does the same when it falls
 * due: every run checks that its step is open and still due at its date.
 */
@Component
class ReminderTimers {

    private final SchedulerClient scheduler;
    private final NamedParameterJdbcTemplate jdbc;

    ReminderTimers(SchedulerClient scheduler, NamedParameterJdbcTemplate jdbc) {
        this.scheduler = scheduler;
        this.jdbc = jdbc;
    }

    /** Schedules the timers of {@code due}, those of the step's previous date ({@code previous}, if any) removed. */
    void schedule(UUID stepId, Instant previous, Instant due, FirmCalendar calendar, Instant now) {
        cancel(stepId, previous, calendar);
        for (ReminderPlan.Planned planned : ReminderPlan.of(due, calendar, now)) {
            ReminderTask task = new ReminderTask(stepId, planned.stage().key(), due);
            scheduler.scheduleIfNotExists(ReminderTask.TASK.instance(task.instanceId()).data(task)
                    .scheduledTo(planned.at()));
        }
    }

    /** Removes the step's timers for the due date {@code due} that are not running; nothing when it is null. */
    void cancel(UUID stepId, Instant due, FirmCalendar calendar) {
        if (due == null) {
            return;
        }
        List<String> ids = ReminderPlan.stages(calendar).stream()
                .map(stage -> new ReminderTask(stepId, stage.key(), due).instanceId()).toList();
        jdbc.update("""
                delete from scheduled_tasks where task_name = :task and task_instance in (:ids) and picked = false""",
                Map.of("task", ReminderTask.TASK.getTaskName(), "ids", ids));
    }
}
