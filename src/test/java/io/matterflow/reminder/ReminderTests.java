package io.matterflow.reminder;

import static io.matterflow.reminder.ReminderScenario.DUE;
import static io.matterflow.reminder.ReminderScenario.FRIDAY;
import static io.matterflow.reminder.ReminderScenario.TEN_DAYS;
import static io.matterflow.reminder.ReminderScenario.approval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.matterflow.calendar.DueAnchor;
import io.matterflow.calendar.DueRule;
import io.matterflow.calendar.DueUnit;
import io.matterflow.support.H2Test;
import io.matterflow.support.TestFirm;

/**
 * Reminders and escalations driven by scheduler nodes the test runs by hand, with the clock it sets: each notice
 * once across two nodes, a restart and a repeated run; none for a completed step; the old date's none and the new
 * date's once when a date moves.
 */
@H2Test
class ReminderTests extends ReminderNodes {

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
                new DueRule(2, DueUnit.CALENDAR_DAYS, DueAnchor.INSTANCE_START, null, null, null))).steps().get(0).id();
        // Saturday + 2 days is Monday 16 March: a day and a half away, so no "due in 7 days"
        assertThat(scenario.timers(step)).containsExactly(step + ":PT24H:" + DUE, step + ":OVERDUE:" + DUE,
                step + ":PT0S:" + DUE, step + ":OVERDUE+2BD:" + DUE);
    }
}
