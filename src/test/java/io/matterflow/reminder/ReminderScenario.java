package io.matterflow.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.testhelper.ManualScheduler;
import com.github.kagkarlsson.scheduler.task.Task;

import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.audit.AuditEvent;
import io.matterflow.calendar.DueAnchor;
import io.matterflow.calendar.DueRule;
import io.matterflow.calendar.DueUnit;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Directory;
import io.matterflow.directory.UserAccount;
import io.matterflow.instance.Instances;
import io.matterflow.instance.StepRuntime;
import io.matterflow.notification.Notification;
import io.matterflow.notification.Notifications;
import io.matterflow.support.MutableClock;
import io.matterflow.support.SchedulerNodes;
import io.matterflow.support.TestFirm;
import io.matterflow.support.Workflows;
import io.matterflow.template.StepDefinition;

/**
 * What the reminder tests share, on H2 and on PostgreSQL: a clock the test sets, scheduler nodes it drives, a step
 * due on a known date, and what each person was told about it. The firm's calendar is the default: UTC, Monday to
 * Friday, close of business 17:00, reminders 7 days and 1 day before and at the due time, admins told after 2
 * business days.
 */
record ReminderScenario(MutableClock clock, DataSource dataSource, List<Task<?>> tasks, JdbcTemplate jdbc,
                        Notifications notifications, Directory directory, Workflows workflows, StepRuntime runtime,
                        Instances instances, SchedulerClient scheduler) {

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
        return notifications.of(Actor.user(user), false, PageRequest.of(0, 100))
                .getContent().stream().filter(n -> stepId.equals(n.stepId()))
                .sorted(Comparator.comparing(Notification::createdAt)).map(Notification::title)
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

    /**
     * A step due Monday 16 March 17:00, claimed by the associate: each reminder, the owner's overdue notice and the
     * admins' escalation told once, with two nodes running what is due one after the other and at once, a node
     * restarted between stages, and a timer run a second time.
     */
    void everyStageOnceAcrossTwoNodes() {
        at(FRIDAY);
        var firm = TestFirm.create(directory);
        UUID step = workflows.instance(firm, approval("Conflict check", TEN_DAYS)).steps().get(0).id();
        runtime.claim(firm.as(firm.associate()), step);
        assertThat(timers(step)).containsExactly(
                step + ":PT168H:" + DUE, step + ":PT24H:" + DUE, step + ":OVERDUE:" + DUE, step + ":PT0S:" + DUE,
                step + ":OVERDUE+2BD:" + DUE);

        var a = node();
        var b = node();
        at(Instant.parse("2026-03-09T16:59:00Z"));
        runOneAfterAnother(a, b);
        assertThat(told(firm.associate(), step)).isEmpty();

        at(Instant.parse("2026-03-09T17:00:30Z"));
        runOneAfterAnother(a, b);
        assertThat(told(firm.associate(), step)).containsExactly("Due in 7 days: Conflict check");

        // db-scheduler runs a timer at least once: the same timer again tells nobody again
        var again = new ReminderTask(step, "PT168H", DUE);
        scheduler.schedule(ReminderTask.TASK.instance(again.instanceId()).data(again)
                .scheduledTo(Instant.parse("2026-03-09T17:00:00Z")));
        runOneAfterAnother(b, a);
        assertThat(told(firm.associate(), step)).containsExactly("Due in 7 days: Conflict check");

        // node a restarts: a new scheduler instance; both nodes run the next stage at the same moment
        var restarted = node();
        at(Instant.parse("2026-03-15T17:00:30Z"));
        runAtOnce(restarted, b);
        assertThat(told(firm.associate(), step))
                .containsExactly("Due in 7 days: Conflict check", "Due in 1 day: Conflict check");

        // the reminder at the due time and the owner's notice fall due together: run at once on two nodes, both
        // append to the instance's audit stream, and the loser's run is tried again 30 seconds later
        at(Instant.parse("2026-03-16T17:00:30Z"));
        runAtOnce(restarted, b);
        at(Instant.parse("2026-03-16T17:02:00Z"));
        runAtOnce(restarted, b);
        assertThat(told(firm.associate(), step)).containsExactly("Due in 7 days: Conflict check",
                "Due in 1 day: Conflict check", "Due today: Conflict check");
        assertThat(told(firm.owner(), step)).containsExactly("Overdue: Conflict check");
        assertThat(told(firm.admin(), step)).isEmpty();

        // two business days after Monday 17:00 is Wednesday 17:00
        at(Instant.parse("2026-03-18T16:59:00Z"));
        runAtOnce(restarted, b);
        assertThat(told(firm.admin(), step)).isEmpty();
        at(Instant.parse("2026-03-18T17:00:30Z"));
        runAtOnce(restarted, b);
        runOneAfterAnother(restarted, b);
        assertThat(told(firm.admin(), step)).containsExactly("Overdue for 2 business days: Conflict check");
        assertThat(told(firm.owner(), step)).containsExactly("Overdue: Conflict check");
        assertThat(told(firm.associate(), step)).hasSize(3);
        assertThat(timers(step)).isEmpty();

        List<AuditEvent> audited = instances.history(firm.as(firm.owner()), step).stream()
                .filter(e -> e.action().startsWith("step.remind") || e.action().equals("step.escalate")).toList();
        assertThat(audited).extracting(e -> e.action() + " " + e.metadata().get("stage")).containsExactlyInAnyOrder(
                "step.remind PT168H", "step.remind PT24H", "step.remind PT0S", "step.escalate OVERDUE",
                "step.escalate OVERDUE+2BD");
        assertThat(audited.get(0).metadata()).containsEntry("stage", "PT168H").containsEntry("dueAt", DUE.toString())
                .containsEntry("recipients", List.of(firm.associate().id().toString()));
        assertThat(audited.get(4).metadata()).containsEntry("stage", "OVERDUE+2BD")
                .containsEntry("recipients", List.of(firm.admin().id().toString()));
    }
}
