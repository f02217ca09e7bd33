package io.matterflow.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import com.github.kagkarlsson.scheduler.Scheduler;

/**
 * The application's own scheduler, switched on, polling its timers: on a database of its own, since a running
 * scheduler would otherwise run the timers of every other test sharing the embedded one.
 */
@SpringBootTest(properties = {"matterflow.scheduler.enabled=true", "matterflow.scheduler.polling-interval=100ms",
        "spring.datasource.url=jdbc:h2:mem:running-scheduler;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"})
@ActiveProfiles("test")
class RunningSchedulerTests {

    @Autowired
    Scheduler scheduler;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void shouldRunDueTimersOnceStarted() {
        assertThat(scheduler.getSchedulerState().isStarted()).isTrue();
        var task = new ReminderTask(UUID.randomUUID(), "PT0S", Instant.parse("2026-03-16T17:00:00Z"));
        scheduler.schedule(ReminderTask.TASK.instance(task.instanceId()).data(task).scheduledTo(Instant.now()));

        // a step that does not exist: the timer runs, tells nobody and is done
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from scheduled_tasks where task_instance = ?", Integer.class, task.instanceId()) == 0);
        assertThat(jdbc.queryForObject("select count(*) from step_reminders where step_id = ?", Integer.class,
                task.stepId())).isZero();
    }
}
