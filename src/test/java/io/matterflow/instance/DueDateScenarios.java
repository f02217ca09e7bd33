package io.matterflow.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import io.matterflow.access.Matters;
import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.audit.AuditEvent;
import io.matterflow.calendar.BusinessCalendars;
import io.matterflow.calendar.DueAnchor;
import io.matterflow.calendar.DueRule;
import io.matterflow.calendar.DueUnit;
import io.matterflow.common.ForbiddenException;
import io.matterflow.common.ValidationException;
import io.matterflow.directory.Directory;
import io.matterflow.template.StepDefinition;
import io.matterflow.support.MutableClock;
import io.matterflow.support.TestFirm;
import io.matterflow.support.Workflows;

/**
 * Due dates computed by rule from each kind of anchor, recomputed and audited when an anchor moves, set by hand and
 * given back, in the inbox's order and filters. The firm's calendar is the default: UTC, Monday to Friday, 17:00.
 * Run on H2 and on PostgreSQL.
 */
@RecordApplicationEvents
abstract class DueDateScenarios {

    static final MutableClock CLOCK = new MutableClock();
    /** Friday 6 March 2026, 10:00 UTC. */
    static final Instant FRIDAY = Instant.parse("2026-03-06T10:00:00Z");

    @TestBean
    Clock clock;

    static Clock clock() {
        return CLOCK;
    }

    @Autowired
    Directory directory;
    @Autowired
    Workflows workflows;
    @Autowired
    Instances instances;
    @Autowired
    StepRuntime runtime;
    @Autowired
    Matters matters;
    @Autowired
    Inbox inbox;
    @Autowired
    ApplicationEvents events;
    @Autowired
    BusinessCalendars calendars;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @AfterEach
    void backToNow() {
        CLOCK.shift(Duration.ZERO);
    }

    static void at(Instant instant) {
        CLOCK.shift(Duration.between(Instant.now(), instant));
    }

    static StepDefinition checklist(String title, boolean required, DueRule rule) {
        return new StepDefinition(title, ActionType.CHECKLIST, RoleScope.LAWYER, required,
                Map.of("items", List.of("Do it")), null, rule);
    }

    @Test
    void shouldComputeEachAnchorAndRecomputeWhenItMoves() {
        at(FRIDAY);
        var firm = TestFirm.create(directory);
        var owner = firm.as(firm.owner());
        var instance = workflows.instance(firm,
                Workflows.step("Conflict check", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true),
                checklist("Engagement letter", true,
                        new DueRule(3, DueUnit.BUSINESS_DAYS, DueAnchor.STEP_COMPLETED, 0, null, null)),
                checklist("File defence", false, new DueRule(-10, DueUnit.BUSINESS_DAYS, DueAnchor.KEY_DATE, null,
                        null, "Trial")),
                checklist("Intake call", false, new DueRule(2, DueUnit.CALENDAR_DAYS, DueAnchor.INSTANCE_START,
                        null, null, null)));
        var steps = instance.steps();

        // 2 calendar days after Friday is Sunday: the next business day, Monday, at close of business
        var intake = steps.get(3).due();
        assertThat(intake.at()).isEqualTo(Instant.parse("2026-03-09T17:00:00Z"));
        assertThat(intake.explanation()).contains("2 calendar days after the workflow started (Fri 6 Mar 2026)")
                .contains("Mon 9 Mar 2026").contains("moved on from Sun 8 Mar");
        assertThat(intake.skipped()).extracting(d -> d.date().toString()).containsExactly("2026-03-08");
        // the others wait for their anchors
        assertThat(steps.get(1).due().at()).isNull();
        assertThat(steps.get(1).due().explanation()).contains("\u201cConflict check\u201d completed")
                .contains("has not happened");
        assertThat(steps.get(1).due().rule().stepId()).isEqualTo(steps.get(0).id());
        assertThat(steps.get(2).due().at()).isNull();

        // a key date gives "10 business days before the trial"
        matters.setKeyDates(owner, firm.matter().id(), List.of(new Matters.KeyDate("Trial", LocalDate.of(2026, 4, 1))));
        var defence = instances.step(owner, steps.get(2).id()).due();
        assertThat(defence.at()).isEqualTo(Instant.parse("2026-03-18T17:00:00Z"));
        assertThat(defence.explanation()).startsWith("10 business days before the key date \u201cTrial\u201d (Wed 1 Apr 2026)");
        assertThat(defence.skipped()).hasSize(4);

        // completing the anchor step dates the step counting from it: Wednesday, over the weekend
        runtime.start(owner, steps.get(0).id());
        runtime.complete(owner, steps.get(0).id(), Map.of("approved", true));
        var letter = instances.step(owner, steps.get(1).id()).due();
        assertThat(letter.at()).isEqualTo(Instant.parse("2026-03-11T17:00:00Z"));
        assertThat(letter.anchor().at()).isBetween(FRIDAY, FRIDAY.plusSeconds(60));

        // moving the trial moves the date, audited, and announced as a recomputation
        matters.setKeyDates(owner, firm.matter().id(), List.of(new Matters.KeyDate("trial", LocalDate.of(2026, 4, 15))));
        assertThat(instances.step(owner, steps.get(2).id()).due().at()).isEqualTo(Instant.parse("2026-04-01T17:00:00Z"));
        assertThat(events.stream(StepDueChanged.class).filter(e -> e.stepId().equals(steps.get(2).id())))
                .extracting(StepDueChanged::at, StepDueChanged::recomputed)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(null, false),
                        org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-03-18T17:00:00Z"), false),
                        org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-04-01T17:00:00Z"), true));
        List<AuditEvent> dues = instances.history(owner, steps.get(2).id()).stream()
                .filter(e -> e.action().equals("step.due")).toList();
        assertThat(dues).hasSize(3);
        assertThat(dues.get(2).metadata()).containsEntry("at", "2026-04-01T17:00:00Z")
                .containsEntry("previousAt", "2026-03-18T17:00:00Z");
        assertThat((String) dues.get(2).metadata().get("cause")).contains("key dates changed (trial)");
    }

    @Test
    void shouldMoveBusinessDayDatesWhenTheFirmAddsOrRemovesAHoliday() {
        at(FRIDAY);
        var firm = TestFirm.create(directory);
        var owner = firm.as(firm.owner());
        var admin = firm.as(firm.admin());
        var instance = workflows.instance(firm,
                checklist("Engagement letter", false,
                        new DueRule(3, DueUnit.BUSINESS_DAYS, DueAnchor.STEP_READY, null, null, null)),
                checklist("Intake call", false,
                        new DueRule(48, DueUnit.HOURS, DueAnchor.STEP_READY, null, null, null)));
        UUID letter = instance.steps().get(0).id();
        assertThat(instance.steps().get(0).due().at()).isEqualTo(Instant.parse("2026-03-11T17:00:00Z"));

        calendars.putHoliday(admin, LocalDate.of(2026, 3, 9), "Commonwealth Day");
        var moved = instances.step(owner, letter).due();
        assertThat(moved.at()).isEqualTo(Instant.parse("2026-03-12T17:00:00Z"));
        assertThat(moved.explanation()).contains("Mon 9 Mar (Holiday: Commonwealth Day)");
        assertThat(moved.calendarVersion()).isEqualTo(calendars.of(firm.orgId()).version());
        var recorded = instances.history(owner, letter).stream().filter(e -> e.action().equals("step.due")).toList();
        assertThat((String) recorded.get(recorded.size() - 1).metadata().get("cause"))
                .contains("the firm's calendar changed");
        // an hour rule does not count business days: the holiday changes nothing for it
        assertThat(instances.history(owner, instance.steps().get(1).id()).stream()
                .filter(e -> e.action().equals("step.due"))).hasSize(1);

        calendars.removeHoliday(admin, LocalDate.of(2026, 3, 9));
        assertThat(instances.step(owner, letter).due().at()).isEqualTo(Instant.parse("2026-03-11T17:00:00Z"));
    }

    @Test
    void shouldLetTheOwnerSetADateByHandThatRecomputationLeavesAlone() {
        at(FRIDAY);
        var firm = TestFirm.create(directory);
        var owner = firm.as(firm.owner());
        var instance = workflows.instance(firm, checklist("File defence", true,
                new DueRule(-10, DueUnit.BUSINESS_DAYS, DueAnchor.KEY_DATE, null, null, "Trial")));
        UUID step = instance.steps().get(0).id();
        matters.setKeyDates(owner, firm.matter().id(), List.of(new Matters.KeyDate("Trial", LocalDate.of(2026, 4, 1))));

        assertThatThrownBy(() -> instances.setDue(firm.as(firm.associate()), step, FRIDAY, "mine"))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> instances.setDue(owner, step, FRIDAY, " "))
                .isInstanceOf(ValidationException.class);

        Instant handSet = Instant.parse("2026-03-25T12:00:00Z");
        var set = instances.setDue(owner, step, handSet, "Counsel asked for more time");
        assertThat(set.due().at()).isEqualTo(handSet);
        assertThat(set.due().override().reason()).isEqualTo("Counsel asked for more time");
        assertThat(set.due().explanation()).startsWith("Set by hand by " + firm.owner().displayName())
                .contains("by its rule: 10 business days before");

        matters.setKeyDates(owner, firm.matter().id(), List.of(new Matters.KeyDate("Trial", LocalDate.of(2026, 5, 1))));
        assertThat(instances.step(owner, step).due().at()).isEqualTo(handSet);

        var back = instances.setDue(owner, step, null, "Extension withdrawn");
        assertThat(back.due().override()).isNull();
        assertThat(back.due().at()).isEqualTo(Instant.parse("2026-04-17T17:00:00Z"));
    }

    @Test
    void shouldCountStepsCompletedLateAndHowLate() {
        at(FRIDAY);
        var firm = TestFirm.create(directory);
        var owner = firm.as(firm.owner());
        var instance = workflows.instance(firm,
                checklist("On time", false, new DueRule(2, DueUnit.HOURS, DueAnchor.STEP_READY, null, null, null)),
                checklist("Late", false, new DueRule(2, DueUnit.HOURS, DueAnchor.STEP_READY, null, null, null)));
        double lateBefore = lateCount();
        var timer = meters.find("workflow.step.lateness").tag("actionType", "CHECKLIST").timer();
        long timedBefore = timer == null ? 0 : timer.count();

        runtime.complete(owner, instance.steps().get(0).id(), Map.of("checked", List.of("Do it")));
        at(FRIDAY.plus(Duration.ofHours(5)));
        runtime.complete(owner, instance.steps().get(1).id(), Map.of("checked", List.of("Do it")));

        assertThat(lateCount()).isEqualTo(lateBefore + 1);
        timer = meters.find("workflow.step.lateness").tag("actionType", "CHECKLIST").timer();
        assertThat(timer.count()).isEqualTo(timedBefore + 1);
        assertThat(timer.max(java.util.concurrent.TimeUnit.MINUTES)).isBetween(170.0, 190.0);
    }

    private double lateCount() {
        var counter = meters.find("workflow.steps.completed.late").tag("actionType", "CHECKLIST").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void shouldSortTheInboxByDueDateAndFilterOverdueAndThisWeek() {
        at(FRIDAY);
        var firm = TestFirm.create(directory);
        var owner = firm.as(firm.owner());
        workflows.instance(firm,
                checklist("Undated", false, null),
                checklist("Next week", false, new DueRule(3, DueUnit.BUSINESS_DAYS, DueAnchor.STEP_READY, null, null, null)),
                checklist("Today", false, new DueRule(0, DueUnit.BUSINESS_DAYS, DueAnchor.STEP_READY, null, null, null)),
                checklist("In five hours", false, new DueRule(5, DueUnit.HOURS, DueAnchor.STEP_READY, null, null, null)));

        var all = inbox.of(owner, false, null, PageRequest.of(0, 20)).getContent();
        assertThat(all).extracting(i -> i.step().title())
                .containsExactly("In five hours", "Today", "Next week", "Undated");
        assertThat(all).extracting(InboxItem::urgency).containsExactly(InboxItem.Urgency.DUE_SOON,
                InboxItem.Urgency.DUE_SOON, null, null);
        assertThat(inbox.of(owner, false, null, Inbox.DueFilter.THIS_WEEK, Inbox.Order.DUE, PageRequest.of(0, 20))
                .getContent()).extracting(i -> i.step().title()).containsExactly("In five hours", "Today");

        at(FRIDAY.plus(Duration.ofHours(6)));
        var overdue = inbox.of(owner, false, null, Inbox.DueFilter.OVERDUE, Inbox.Order.DUE, PageRequest.of(0, 20))
                .getContent();
        assertThat(overdue).extracting(i -> i.step().title()).containsExactly("In five hours");
        assertThat(overdue.get(0).urgency()).isEqualTo(InboxItem.Urgency.OVERDUE);
    }
}
