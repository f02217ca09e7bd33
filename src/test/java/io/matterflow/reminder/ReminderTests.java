package io.matterflow.reminder;

import static io.matterflow.reminder.ReminderScenario.DUE;
import static io.matterflow.reminder.ReminderScenario.FRIDAY;
import static io.matterflow.reminder.ReminderScenario.TEN_DAYS;
import static io.matterflow.reminder.ReminderScenario.approval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.bean.override.convention.TestBean;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.Task;

import io.matterflow.audit.AuditEvent;
import io.matterflow.directory.Directory;
import io.matterflow.instance.Instances;
import io.matterflow.instance.StepRuntime;
import io.matterflow.notification.Notifications;
import io.matterflow.support.H2Test;
import io.matterflow.support.MutableClock;
import io.matterflow.support.TestFirm;
import io.matterflow.support.Workflows;

/**
 * Reminders and escalations driven by scheduler nodes the test runs by hand, with the clock it sets: each notice
 * once across two nodes, a restart and a repeated run; none for a completed step; the old date's none and the new
 * date's once when a date moves.
 */
@H2Test
class ReminderTests {

    static final MutableClock CLOCK = new MutableClock();

    @TestBean
    Clock clock;

    static Clock clock() {
        return CLOCK;
    }

    @Autowired
    DataSource dataSource;
    @Autowired
    List<Task<?>> tasks;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Notifications notifications;
    @Autowired
    Directory directory;
    @Autowired
    Workflows workflows;
    @Autowired
    StepRuntime runtime;
    @Autowired
    Instances instances;
    @Autowired
    SchedulerClient scheduler;

    ReminderScenario scenario;

    @BeforeEach
    void scenario() {
        scenario = new ReminderScenario(CLOCK, dataSource, tasks, jdbc, notifications);
    }

    @AfterEach
    void backToNow() {
        CLOCK.shift(Duration.ZERO);
    }

    @Test
    void shouldSendEveryStageOnceAcrossTwoNodesARestartAndARepeatedRun() {
        scenario.at(FRIDAY);
        var firm = TestFirm.create(directory);
        UUID step = workflows.instance(firm, approval("Conflict check", TEN_DAYS)).steps().get(0).id();
        runtime.claim(firm.as(firm.associate()), step);
        assertThat(scenario.timers(step)).containsExactly(
                step + ":PT168H:" + DUE, step + ":PT24H:" + DUE, step + ":OVERDUE:" + DUE, step + ":PT0S:" + DUE,
                step + ":OVERDUE+2BD:" + DUE);

        var a = scenario.node();
        var b = scenario.node();
        scenario.at(Instant.parse("2026-03-09T16:59:00Z"));
        ReminderScenario.runOneAfterAnother(a, b);
        assertThat(scenario.told(firm.associate(), step)).isEmpty();

        scenario.at(Instant.parse("2026-03-09T17:00:30Z"));
        ReminderScenario.runOneAfterAnother(a, b);
        assertThat(scenario.told(firm.associate(), step)).containsExactly("Due in 7 days: Conflict check");

        // db-scheduler runs a timer at least once: the same timer again tells nobody again
        var again = new ReminderTask(step, "PT168H", DUE);
        scheduler.schedule(ReminderTask.TASK.instance(again.instanceId()).data(again)
                .scheduledTo(Instant.parse("2026-03-09T17:00:00Z")));
        ReminderScenario.runOneAfterAnother(b, a);
        assertThat(scenario.told(firm.associate(), step)).containsExactly("Due in 7 days: Conflict check");

        // node a restarts: a new scheduler instance; both nodes run the next stage at the same moment
        var restarted = scenario.node();
        scenario.at(Instant.parse("2026-03-15T17:00:30Z"));
        ReminderScenario.runAtOnce(restarted, b);
        assertThat(scenario.told(firm.associate(), step))
                .containsExactly("Due in 7 days: Conflict check", "Due in 1 day: Conflict check");

        // the reminder at the due time and the owner's notice fall due together: run at once on two nodes, both
        // append to the instance's audit stream, and the loser's run is tried again 30 seconds later
        scenario.at(Instant.parse("2026-03-16T17:00:30Z"));
        ReminderScenario.runAtOnce(restarted, b);
        scenario.at(Instant.parse("2026-03-16T17:02:00Z"));
        ReminderScenario.runAtOnce(restarted, b);
        assertThat(scenario.told(firm.associate(), step)).containsExactly("Due in 7 days: Conflict check",
                "Due in 1 day: Conflict check", "Due today: Conflict check");
        assertThat(scenario.told(firm.owner(), step)).containsExactly("Overdue: Conflict check");
        assertThat(scenario.told(firm.admin(), step)).isEmpty();

        // two business days after Monday 17:00 is Wednesday 17:00
        scenario.at(Instant.parse("2026-03-18T16:59:00Z"));
        ReminderScenario.runAtOnce(restarted, b);
        assertThat(scenario.told(firm.admin(), step)).isEmpty();
        scenario.at(Instant.parse("2026-03-18T17:00:30Z"));
        ReminderScenario.runAtOnce(restarted, b);
        ReminderScenario.runOneAfterAnother(restarted, b);
        assertThat(scenario.told(firm.admin(), step)).containsExactly("Overdue for 2 business days: Conflict check");
        assertThat(scenario.told(firm.owner(), step)).containsExactly("Overdue: Conflict check");
        assertThat(scenario.told(firm.associate(), step)).hasSize(3);
        assertThat(scenario.timers(step)).isEmpty();

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

    @Test
    void shouldCancelTheTimersOfACompletedStep() {
        scenario.at(FRIDAY);
        var firm = TestFirm.create(directory);
        UUID step = workflows.instance(firm, approval("Conflict check", TEN_DAYS)).steps().get(0).id();
        assertThat(scenario.timers(step)).hasSize(5);

        var owner = firm.as(firm.owner());
        runtime.start(owner, step);
        runtime.complete(owner, step, Map.of("approved", true));
        assertThat(scenario.timers(step)).isEmpty();

        scenario.at(Instant.parse("2026-03-19T09:00:00Z"));
        scenario.node().runAnyDueExecutions();
        for (var person : ReminderScenario.people(firm)) {
            assertThat(scenario.told(person, step)).isEmpty();
        }
    }

    @Test
    void shouldSendTheNewDatesRemindersOnlyWhenADateIsSetByHand() {
        scenario.at(FRIDAY);
        var firm = TestFirm.create(directory);
        UUID step = workflows.instance(firm, approval("Conflict check", TEN_DAYS)).steps().get(0).id();
        runtime.claim(firm.as(firm.associate()), step);
        var node = scenario.node();

        // a week later than the rule's date; its "due in 7 days" would be the old date's: Monday 23 March 17:00
        Instant moved = Instant.parse("2026-03-23T17:00:00Z");
        scenario.at(Instant.parse("2026-03-09T12:00:00Z"));
        instances.setDue(firm.as(firm.owner()), step, moved, "Counsel asked for a week more");
        assertThat(scenario.timers(step)).allMatch(id -> id.endsWith(":" + moved)).hasSize(5);
        await().atMost(Duration.ofSeconds(10)).until(() -> scenario.told(firm.associate(), step)
                .contains("Due date moved: Conflict check"));

        scenario.at(Instant.parse("2026-03-16T17:00:30Z"));
        node.runAnyDueExecutions();
        assertThat(scenario.told(firm.associate(), step))
                .containsExactly("Due date moved: Conflict check", "Due in 7 days: Conflict check");
        assertThat(scenario.told(firm.owner(), step)).isEmpty();

        scenario.at(Instant.parse("2026-03-23T17:00:30Z"));
        node.runAnyDueExecutions();
        node.runAnyDueExecutions();
        assertThat(scenario.told(firm.associate(), step)).containsExactly("Due date moved: Conflict check",
                "Due in 7 days: Conflict check", "Due in 1 day: Conflict check", "Due today: Conflict check");
        assertThat(scenario.told(firm.owner(), step)).containsExactly("Overdue: Conflict check");
    }

    @Test
    void shouldLeaveOutRemindersWhoseTimeHasPassedButNotTheOneAtTheDueTime() {
        scenario.at(Instant.parse("2026-03-14T10:00:00Z"));
        var firm = TestFirm.create(directory);
        UUID step = workflows.instance(firm, approval("Conflict check",
                new io.matterflow.calendar.DueRule(2, io.matterflow.calendar.DueUnit.CALENDAR_DAYS,
                        io.matterflow.calendar.DueAnchor.INSTANCE_START, null, null, null))).steps().get(0).id();
        // Saturday + 2 days is Monday 16 March: a day and a half away, so no "due in 7 days"
        assertThat(scenario.timers(step)).containsExactly(step + ":PT24H:" + DUE, step + ":OVERDUE:" + DUE,
                step + ":PT0S:" + DUE, step + ":OVERDUE+2BD:" + DUE);
    }
}
