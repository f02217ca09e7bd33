package io.matterflow.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;

import com.github.kagkarlsson.scheduler.testhelper.ManualScheduler;
import com.github.kagkarlsson.scheduler.task.Task;

import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.calendar.DueAnchor;
import io.matterflow.calendar.DueRule;
import io.matterflow.calendar.DueUnit;
import io.matterflow.directory.UserAccount;
import io.matterflow.notification.Notification;
import io.matterflow.notification.Notifications;
import io.matterflow.support.MutableClock;
import io.matterflow.support.SchedulerNodes;
import io.matterflow.support.TestFirm;
import io.matterflow.template.StepDefinition;

/**
 * What the reminder tests share, on H2 and on PostgreSQL: a clock the test sets, scheduler nodes it drives, a step
 * due on a known date, and what each person was told about it. The firm's calendar is the default: UTC, Monday to
 * Friday, close of business 17:00, reminders 7 days and 1 day before and at the due time, admins told after 2
 * business days.
 */
record ReminderScenario(MutableClock clock, DataSource dataSource, List<Task<?>> tasks, JdbcTemplate jdbc,
                        Notifications notifications) {

    /** Friday 6 March 2026, 10:00 UTC. */
    static final Instant FRIDAY = Instant.parse("2026-03-06T10:00:00Z");
    /** 10 calendar days after {@link #FRIDAY}: Monday 16 March, at close of business. */
    static final Instant DUE = Instant.parse("2026-03-16T17:00:00Z");
    static final DueRule TEN_DAYS = new DueRule(10, DueUnit.CALENDAR_DAYS, DueAnchor.INSTANCE_START, null, null, null);

    static StepDefinition approval(String title, DueRule rule) {
        return new StepDefinition(title, ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true, Map.of(), null, rule);
    }

    void at(Instant instant) {
        clock.shift(Duration.between(Instant.now(), instant));
    }

    ManualScheduler node() {
        return SchedulerNodes.node(dataSource, tasks, clock);
    }

    /** Runs what is due on every node, one after the other. */
    static void runOneAfterAnother(ManualScheduler... nodes) {
        for (ManualScheduler node : nodes) {
            node.runAnyDueExecutions();
        }
    }

    /** Runs what is due on every node at the same moment, each on a thread of its own. */
    static void runAtOnce(ManualScheduler... nodes) {
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Void>> runs = new ArrayList<>();
        for (ManualScheduler node : nodes) {
            runs.add(CompletableFuture.runAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                node.runAnyDueExecutions();
            }));
        }
        start.countDown();
        CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS).join();
    }

    /** The titles of what the person was told about the step, oldest first. */
    List<String> told(UserAccount user, UUID stepId) {
        return notifications.of(io.matterflow.directory.Actor.user(user), false, PageRequest.of(0, 100))
                .getContent().stream().filter(n -> stepId.equals(n.stepId()))
                .sorted(java.util.Comparator.comparing(Notification::createdAt)).map(Notification::title)
                .filter(title -> !title.startsWith("Ready") && !title.startsWith("Assigned")).toList();
    }

    /** The step's reminder timers waiting in the table. */
    List<String> timers(UUID stepId) {
        return jdbc.queryForList("select task_instance from scheduled_tasks where task_name = ? and task_instance like ?"
                + " order by execution_time, task_instance", String.class, ReminderTask.TASK.getTaskName(),
                stepId + ":%");
    }

    /** The owner, the associate and the admin of the firm: who is told what, in turn. */
    static List<UserAccount> people(TestFirm firm) {
        return List.of(firm.owner(), firm.associate(), firm.admin());
    }
}
