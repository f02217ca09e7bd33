package io.matterflow.reminder;

import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.github.kagkarlsson.scheduler.SchedulerClient;

import io.matterflow.calendar.FirmCalendar;

/**
 * A step's reminder timers, changed in the caller's transaction. Scheduling goes through db-scheduler's client;
 * cancelling deletes the step's timers by their id prefix in one statement (the client cancels one known id at a
 * time and fails on a missing one), leaving alone a timer that is running at this moment: it finds the step changed
 * and does nothing.
 */
@Component
class ReminderTimers {

    private final SchedulerClient scheduler;
    private final JdbcTemplate jdbc;

    ReminderTimers(SchedulerClient scheduler, JdbcTemplate jdbc) {
        this.scheduler = scheduler;
        this.jdbc = jdbc;
    }

    /** Replaces the step's timers with those of {@code due}. */
    void schedule(UUID stepId, Instant due, FirmCalendar calendar, Instant now) {
        cancel(stepId);
        for (ReminderPlan.Planned planned : ReminderPlan.of(due, calendar, now)) {
            ReminderTask task = new ReminderTask(stepId, planned.stage().key(), due);
            scheduler.scheduleIfNotExists(ReminderTask.TASK.instance(task.instanceId()).data(task)
                    .scheduledTo(planned.at()));
        }
    }

    /** Removes the step's timers that are not running. */
    void cancel(UUID stepId) {
        jdbc.update("delete from scheduled_tasks where task_name = ? and task_instance like ? and picked = false",
                ReminderTask.TASK.getTaskName(), ReminderTask.prefix(stepId) + "%");
    }
}
