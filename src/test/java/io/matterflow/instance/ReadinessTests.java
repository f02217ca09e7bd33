package io.matterflow.instance;

import static io.matterflow.action.ActionState.BLOCKED;
import static io.matterflow.action.ActionState.COMPLETED;
import static io.matterflow.action.ActionState.FAILED;
import static io.matterflow.action.ActionState.IN_PROGRESS;
import static io.matterflow.action.ActionState.PENDING;
import static io.matterflow.action.ActionState.READY;
import static io.matterflow.action.ActionState.SKIPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.matterflow.action.ActionState;
import io.matterflow.instance.Readiness.Plan;
import io.matterflow.instance.Readiness.StepState;

class ReadinessTests {

    /** A step in the table: required or optional, and its state. */
    private record S(boolean required, ActionState state, boolean claimed) {
    }

    private static S req(ActionState state) {
        return new S(true, state, false);
    }

    private static S opt(ActionState state) {
        return new S(false, state, false);
    }

    private static S claimed(S step) {
        return new S(step.required(), step.state(), true);
    }

    /** Step i gets the id ...0(i+1), so expectations can name steps by position. */
    private static UUID id(int index) {
        return new UUID(0, index + 1);
    }

    private static List<StepState> steps(List<S> table) {
        List<StepState> steps = new ArrayList<>();
        for (int i = 0; i < table.size(); i++) {
            steps.add(new StepState(id(i), table.get(i).required(), table.get(i).state(), table.get(i).claimed()));
        }
        return steps;
    }

    private static List<UUID> ids(int... indexes) {
        return Arrays.stream(indexes).mapToObj(ReadinessTests::id).toList();
    }

    private static Plan ready(int... indexes) {
        return new Plan(ids(indexes), List.of(), List.of(), false, List.of());
    }

    private static Plan pending(int... indexes) {
        return new Plan(List.of(), ids(indexes), List.of(), false, List.of());
    }

    private static Plan completesSkipping(int... indexes) {
        return new Plan(List.of(), List.of(), List.of(), true, ids(indexes));
    }

    private static Plan evaluate(List<S> table) {
        return Readiness.evaluate(WorkflowStatus.ACTIVE, steps(table));
    }

    static Stream<Arguments> readiness() {
        return Stream.of(
                argumentSet("[opt, req, req] fresh: up to the first required",
                        List.of(opt(PENDING), req(PENDING), req(PENDING)), ready(0, 1)),
                argumentSet("[req, opt, req] fresh: the first required only",
                        List.of(req(PENDING), opt(PENDING), req(PENDING)), ready(0)),
                argumentSet("[req, opt, req] first done: the rest",
                        List.of(req(COMPLETED), opt(PENDING), req(PENDING)), ready(1, 2)),
                argumentSet("[opt, opt] fresh: both",
                        List.of(opt(PENDING), opt(PENDING)), ready(0, 1)),
                argumentSet("[opt, opt, req, opt] fresh: up to the required",
                        List.of(opt(PENDING), opt(PENDING), req(PENDING), opt(PENDING)), ready(0, 1, 2)),
                argumentSet("all required fresh: the first",
                        List.of(req(PENDING), req(PENDING), req(PENDING)), ready(0)),
                argumentSet("all required, first completed: the second",
                        List.of(req(COMPLETED), req(PENDING), req(PENDING)), ready(1)),
                argumentSet("all required, first skipped: the second",
                        List.of(req(SKIPPED), req(PENDING), req(PENDING)), ready(1)),
                argumentSet("[opt, req, req] first two done: the last",
                        List.of(opt(COMPLETED), req(COMPLETED), req(PENDING)), ready(2)),
                argumentSet("[opt, req, req] optional still pending: it and the next required",
                        List.of(opt(PENDING), req(COMPLETED), req(PENDING)), ready(0, 2)),
                argumentSet("steps already READY are not listed again",
                        List.of(opt(READY), req(READY), req(PENDING)), ready()),
                argumentSet("a READY required step holds later steps",
                        List.of(req(READY), opt(PENDING)), ready()),
                argumentSet("an IN_PROGRESS required step holds later steps",
                        List.of(req(IN_PROGRESS), opt(PENDING), req(PENDING)), ready()),
                argumentSet("a BLOCKED required step holds later steps",
                        List.of(req(BLOCKED), opt(PENDING), req(PENDING)), ready()),
                argumentSet("an IN_PROGRESS optional step does not hold later steps",
                        List.of(opt(IN_PROGRESS), req(PENDING)), ready(1)),
                argumentSet("a FAILED optional step does not hold later steps",
                        List.of(opt(FAILED), req(PENDING)), ready(1)),
                argumentSet("a FAILED required step holds later steps",
                        List.of(req(FAILED), opt(PENDING), req(PENDING)), ready()),
                argumentSet("a FAILED required step holds only what follows it",
                        List.of(opt(PENDING), req(FAILED), req(PENDING)), ready(0)),
                argumentSet("a FAILED required step prevents completion",
                        List.of(req(COMPLETED), req(FAILED)), ready()),
                argumentSet("an IN_PROGRESS optional step prevents completion, later optional steps open",
                        List.of(req(COMPLETED), opt(IN_PROGRESS), opt(PENDING)), ready(2)),
                argumentSet("a BLOCKED optional step prevents completion",
                        List.of(req(COMPLETED), opt(BLOCKED)), ready()),

                argumentSet("all required completed: completes",
                        List.of(req(COMPLETED), req(COMPLETED)), completesSkipping()),
                argumentSet("required completed or skipped: completes",
                        List.of(req(COMPLETED), req(SKIPPED)), completesSkipping()),
                argumentSet("completion skips optional PENDING and READY steps only",
                        List.of(req(COMPLETED), opt(PENDING), opt(READY), opt(COMPLETED), opt(SKIPPED), opt(FAILED)),
                        completesSkipping(1, 2)),
                argumentSet("completion skips an optional step before the required ones",
                        List.of(opt(PENDING), req(COMPLETED)), completesSkipping(0)),
                argumentSet("a failed optional step does not prevent completion",
                        List.of(req(COMPLETED), opt(FAILED)), completesSkipping()),

                argumentSet("only optional, one READY: no completion",
                        List.of(opt(COMPLETED), opt(READY)), ready()),
                argumentSet("only optional, one IN_PROGRESS: no completion",
                        List.of(opt(COMPLETED), opt(IN_PROGRESS)), ready()),
                argumentSet("only optional, one BLOCKED: no completion",
                        List.of(opt(SKIPPED), opt(BLOCKED)), ready()),
                argumentSet("only optional, all ended: completes",
                        List.of(opt(COMPLETED), opt(FAILED), opt(SKIPPED)), completesSkipping()));
    }

    @ParameterizedTest
    @MethodSource("readiness")
    void shouldPlanReadinessAndCompletion(List<S> table, Plan expected) {
        assertThat(evaluate(table)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(value = WorkflowStatus.class, names = "ACTIVE", mode = EnumSource.Mode.EXCLUDE)
    void shouldPlanNothingForInstanceThatIsNotActive(WorkflowStatus status) {
        Plan plan = Readiness.evaluate(status, steps(List.of(opt(PENDING), req(PENDING), req(PENDING))));

        assertThat(plan).isEqualTo(Plan.NOTHING);
    }

    @ParameterizedTest
    @EnumSource(value = WorkflowStatus.class, names = "ACTIVE", mode = EnumSource.Mode.EXCLUDE)
    void shouldNotCompleteInstanceThatIsNotActive(WorkflowStatus status) {
        Plan plan = Readiness.evaluate(status, steps(List.of(req(COMPLETED), opt(PENDING))));

        assertThat(plan.completes()).isFalse();
        assertThat(plan.autoSkip()).isEmpty();
    }

    @Test
    void shouldPlanNothingForEmptyInstance() {
        Plan plan = Readiness.evaluate(WorkflowStatus.ACTIVE, List.of());

        assertThat(plan).isEqualTo(Plan.NOTHING);
        assertThat(plan.isEmpty()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = ActionState.class, names = {"IN_PROGRESS", "BLOCKED"})
    void shouldNotCompleteWhileRequiredStepIsActive(ActionState active) {
        Plan plan = evaluate(List.of(req(COMPLETED), req(active), opt(PENDING)));

        assertThat(plan.completes()).isFalse();
        assertThat(plan.autoSkip()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = ActionState.class, names = {"IN_PROGRESS", "BLOCKED"})
    void shouldNotCompleteWhileOptionalStepIsActive(ActionState active) {
        Plan plan = evaluate(List.of(req(COMPLETED), opt(active), req(SKIPPED)));

        assertThat(plan.completes()).isFalse();
        assertThat(plan.autoSkip()).isEmpty();
    }

    @Test
    void shouldOpenNothingWhenCompleting() {
        Plan plan = evaluate(List.of(req(COMPLETED), opt(PENDING)));

        assertThat(plan.completes()).isTrue();
        assertThat(plan.becomeReady()).isEmpty();
        assertThat(plan.isEmpty()).isFalse();
    }

    @Test
    void shouldBeEmptyWhenNothingChanges() {
        Plan plan = evaluate(List.of(req(IN_PROGRESS), req(PENDING)));

        assertThat(plan.isEmpty()).isTrue();
    }

    @Test
    void shouldListReadyStepsInOrder() {
        Plan plan = evaluate(List.of(opt(PENDING), opt(COMPLETED), opt(PENDING), req(PENDING)));

        assertThat(plan.becomeReady()).containsExactly(id(0), id(2), id(3));
    }

    static Stream<Arguments> afterEdits() {
        return Stream.of(
                argumentSet("a required step moved ahead of a READY one: it becomes READY, the other PENDING",
                        List.of(req(PENDING), req(READY)), new Plan(ids(0), ids(1), List.of(), false, List.of())),
                argumentSet("a READY optional step behind a READY required step returns to PENDING",
                        List.of(req(READY), opt(READY), req(PENDING)), pending(1)),
                argumentSet("READY steps behind a FAILED required step return to PENDING",
                        List.of(req(FAILED), opt(READY), req(READY)), pending(1, 2)),
                argumentSet("a READY step after the only unfinished required step stays READY when it is optional before it",
                        List.of(opt(READY), req(READY), opt(PENDING)), ready()),
                argumentSet("completed and failed steps behind an unfinished required step stay as they are",
                        List.of(req(READY), req(COMPLETED), opt(FAILED), opt(SKIPPED)), ready()));
    }

    @ParameterizedTest
    @MethodSource("afterEdits")
    void shouldReturnReadyStepsBehindUnfinishedRequiredStepToPending(List<S> table, Plan expected) {
        assertThat(evaluate(table)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(value = WorkflowStatus.class, names = {"PAUSED", "DRAFT"})
    void shouldReturnStepsToPendingAlsoWhileNotActive(WorkflowStatus status) {
        Plan plan = Readiness.evaluate(status, steps(List.of(req(PENDING), req(READY), opt(PENDING))));

        assertThat(plan).isEqualTo(pending(1));
    }

    static Stream<Arguments> heldSteps() {
        return Stream.of(
                argumentSet("claimed READY", claimed(req(READY))),
                argumentSet("claimed READY optional", claimed(opt(READY))),
                argumentSet("IN_PROGRESS", opt(IN_PROGRESS)),
                argumentSet("BLOCKED", req(BLOCKED)));
    }

    @ParameterizedTest
    @MethodSource("heldSteps")
    void shouldReportHeldStepBehindUnfinishedRequiredStepAsConflict(S held) {
        Plan plan = evaluate(List.of(opt(COMPLETED), req(PENDING), opt(READY), held));

        assertThat(plan.conflicts()).containsExactly(new Readiness.Conflict(id(3), id(1)));
        assertThat(plan.becomePending()).containsExactly(id(2));
        assertThat(plan.becomeReady()).containsExactly(id(1));
    }

    @Test
    void shouldNotReportHeldStepBeforeTheUnfinishedRequiredStep() {
        Plan plan = evaluate(List.of(claimed(opt(READY)), opt(IN_PROGRESS), req(READY), opt(PENDING)));

        assertThat(plan).isEqualTo(ready());
    }
}
