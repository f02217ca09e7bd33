package io.matterflow.instance;

import static io.matterflow.action.ActionState.BLOCKED;
import static io.matterflow.action.ActionState.COMPLETED;
import static io.matterflow.action.ActionState.FAILED;
import static io.matterflow.action.ActionState.IN_PROGRESS;
import static io.matterflow.action.ActionState.PENDING;
import static io.matterflow.action.ActionState.READY;
import static io.matterflow.action.ActionState.SKIPPED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.matterflow.action.ActionState;
import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.instance.MigrationPlan.BlockerKind;
import io.matterflow.instance.MigrationPlan.Change;
import io.matterflow.instance.MigrationPlan.Current;
import io.matterflow.instance.MigrationPlan.PlannedStep;
import io.matterflow.template.TemplateStep;

/** The pure migration plan: how steps are matched, placed, removed and made ready, and what blocks a migration. */
class MigrationPlanTests {

    private static final ActionType CHECK = ActionType.CHECKLIST;
    private static final ActionType APPROVE = ActionType.APPROVAL_LAWYER;

    private final AtomicLong ids = new AtomicLong(1000);

    private static UUID tid(int n) {
        return new UUID(1, n);
    }

    private static UUID sid(int n) {
        return new UUID(2, n);
    }

    private static TemplateStep t(int id, String title, ActionType type, boolean required) {
        return new TemplateStep(tid(id), 0, title, type, RoleScope.LAWYER, required, Map.of(), false, null, null);
    }

    private static Current c(int id, Integer templateStepId, String title, ActionType type, ActionState state) {
        return c(id, templateStepId, title, type, state, false, true);
    }

    private static Current c(int id, Integer templateStepId, String title, ActionType type, ActionState state,
                             boolean assigned, boolean required) {
        return new Current(sid(id), templateStepId == null ? null : tid(templateStepId), title, type,
                RoleScope.LAWYER, required, state, assigned);
    }

    private MigrationPlan plan(WorkflowStatus status, List<Current> current, TemplateStep... version) {
        return MigrationPlan.of(status, current, List.of(version), () -> new UUID(3, ids.incrementAndGet()));
    }

    private static List<String> summary(MigrationPlan plan) {
        List<String> out = new ArrayList<>();
        for (PlannedStep s : plan.steps()) {
            out.add(s.change() + " " + s.title() + " " + s.currentState() + "->" + s.newState());
        }
        return out;
    }

    @Test
    void shouldMatchByTemplateStepThenByTitleAndType() {
        var plan = plan(WorkflowStatus.ACTIVE, List.of(
                        c(1, 1, "Intake", CHECK, COMPLETED),
                        c(2, 2, "Review", APPROVE, READY)),
                t(1, "Intake (renamed)", CHECK, true),   // same template step, new title
                t(9, "Review", APPROVE, true));          // new template step id, same title and type
        assertThat(summary(plan)).containsExactly(
                "KEPT Intake (renamed) COMPLETED->COMPLETED",
                "KEPT Review READY->READY");
        assertThat(plan.steps().get(1).stepId()).isEqualTo(sid(2));
        assertThat(plan.blockers()).isEmpty();
    }

    @Test
    void shouldAddNewStepsAndMakeThemReadyWhenNothingRequiredIsBeforeThem() {
        var plan = plan(WorkflowStatus.ACTIVE, List.of(c(1, 1, "Intake", CHECK, COMPLETED)),
                t(1, "Intake", CHECK, true), t(2, "Engagement", APPROVE, true), t(3, "Billing", CHECK, true));
        assertThat(summary(plan)).containsExactly(
                "KEPT Intake COMPLETED->COMPLETED",
                "ADDED Engagement null->READY",
                "ADDED Billing null->PENDING");
    }

    @Test
    void shouldRemoveUnstartedAndFailedStepsAndKeepFinishedOnesInTheirPlace() {
        var plan = plan(WorkflowStatus.ACTIVE, List.of(
                        c(1, 1, "Intake", CHECK, COMPLETED),
                        c(2, 2, "Old check", CHECK, SKIPPED),
                        c(3, 3, "Review", APPROVE, READY),
                        c(4, 4, "Dropped", CHECK, PENDING),
                        c(5, 5, "Failed one", CHECK, FAILED, false, false)),
                t(1, "Intake", CHECK, true), t(3, "Review", APPROVE, true));
        assertThat(summary(plan)).containsExactly(
                "KEPT Intake COMPLETED->COMPLETED",
                "KEPT_FINISHED Old check SKIPPED->SKIPPED",
                "KEPT Review READY->READY",
                "REMOVED Dropped PENDING->null",
                "REMOVED Failed one FAILED->null");
        assertThat(plan.blockers()).isEmpty();
    }

    @Test
    void shouldKeepStepsAddedByHandAfterTheStepBeforeThem() {
        var plan = plan(WorkflowStatus.ACTIVE, List.of(
                        c(9, null, "By hand first", CHECK, COMPLETED),
                        c(1, 1, "Intake", CHECK, COMPLETED),
                        c(8, null, "By hand", CHECK, READY, false, false),
                        c(2, 2, "Review", APPROVE, READY)),
                t(2, "Review", APPROVE, true), t(7, "New first", CHECK, false), t(1, "Intake", CHECK, true));
        assertThat(summary(plan)).containsExactly(
                "BY_HAND By hand first COMPLETED->COMPLETED",
                "KEPT Review READY->READY",
                "ADDED New first null->PENDING",
                "KEPT Intake COMPLETED->COMPLETED",
                "BY_HAND By hand READY->PENDING"); // behind the unfinished, required review
    }

    @Test
    void shouldReturnAReadyStepToPendingWhenANewRequiredStepComesBeforeIt() {
        var plan = plan(WorkflowStatus.ACTIVE, List.of(c(1, 1, "Review", APPROVE, READY)),
                t(2, "Conflict check", CHECK, true), t(1, "Review", APPROVE, true));
        assertThat(summary(plan)).containsExactly(
                "ADDED Conflict check null->READY",
                "KEPT Review READY->PENDING");
        assertThat(plan.blockers()).isEmpty();
    }

    @Test
    void shouldBlockWhenANewRequiredStepWouldComeBeforeWorkInProgress() {
        var plan = plan(WorkflowStatus.ACTIVE, List.of(c(1, 1, "Review", APPROVE, IN_PROGRESS, true, true)),
                t(2, "Conflict check", CHECK, true), t(1, "Review", APPROVE, true));
        assertThat(plan.blockers()).singleElement().satisfies(b -> {
            assertThat(b.kind()).isEqualTo(BlockerKind.READINESS_CONFLICT);
            assertThat(b.stepId()).isEqualTo(sid(1));
        });
    }

    @Test
    void shouldBlockRemovingAHeldStep() {
        for (var held : List.of(c(2, 2, "Dropped", CHECK, READY, true, true), c(2, 2, "Dropped", CHECK, IN_PROGRESS),
                c(2, 2, "Dropped", CHECK, BLOCKED))) {
            var plan = plan(WorkflowStatus.ACTIVE, List.of(c(1, 1, "Intake", CHECK, COMPLETED), held),
                    t(1, "Intake", CHECK, true));
            assertThat(plan.blockers()).as("%s", held).extracting(MigrationPlan.Blocker::kind)
                    .containsExactly(BlockerKind.REMOVED_STEP_HELD);
        }
    }

    @Test
    void shouldRetypeAnUnstartedStepAndBlockAStartedOne() {
        var unstarted = plan(WorkflowStatus.ACTIVE, List.of(c(1, 1, "Review", CHECK, READY)),
                t(1, "Review", APPROVE, true));
        assertThat(unstarted.blockers()).isEmpty();
        assertThat(unstarted.steps().get(0).actionType()).isEqualTo(APPROVE);
        assertThat(unstarted.steps().get(0).currentActionType()).isEqualTo(CHECK);

        for (var started : List.of(c(1, 1, "Review", CHECK, READY, true, true), c(1, 1, "Review", CHECK, IN_PROGRESS),
                c(1, 1, "Review", CHECK, COMPLETED))) {
            var plan = plan(WorkflowStatus.ACTIVE, List.of(started), t(1, "Review", APPROVE, true));
            assertThat(plan.blockers()).as("%s", started).extracting(MigrationPlan.Blocker::kind)
                    .contains(BlockerKind.STARTED_STEP_RETYPED);
        }
    }

    @Test
    void shouldLeaveEveryStepPendingInADraft() {
        var plan = plan(WorkflowStatus.DRAFT, List.of(c(1, 1, "Intake", CHECK, PENDING)),
                t(1, "Intake", CHECK, true), t(2, "More", CHECK, true));
        assertThat(summary(plan)).containsExactly("KEPT Intake PENDING->PENDING", "ADDED More null->PENDING");
    }

    @Test
    void shouldCompleteWhenNoRequiredWorkIsLeft() {
        var plan = plan(WorkflowStatus.ACTIVE, List.of(
                        c(1, 1, "Intake", CHECK, COMPLETED), c(2, 2, "Dropped", CHECK, READY)),
                t(1, "Intake", CHECK, true), t(3, "Optional", CHECK, false));
        assertThat(plan.completes()).isTrue();
        assertThat(summary(plan)).containsExactly(
                "KEPT Intake COMPLETED->COMPLETED",
                "ADDED Optional null->SKIPPED",
                "REMOVED Dropped READY->null");
    }

    @Test
    void shouldNotMatchOneInstanceStepTwice() {
        var plan = plan(WorkflowStatus.ACTIVE, List.of(c(1, 1, "Check", CHECK, COMPLETED)),
                t(1, "Check", CHECK, true), t(2, "Check", CHECK, true));
        assertThat(plan.steps()).extracting(PlannedStep::change).containsExactly(Change.KEPT, Change.ADDED);
    }
}
