package io.matterflow.instance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.matterflow.action.ActionState;
import io.matterflow.condition.Verdict;

/**
 * Which steps may be worked on, and whether the instance completes; a pure function of the instance's status and
 * its steps in order. The invariant it keeps: no step behind an unfinished required step is READY, claimed or being
 * worked on.
 * <ul>
 * <li>A PENDING step becomes READY when the instance is ACTIVE and every required step before it is COMPLETED or
 * SKIPPED. Optional steps never block later ones.</li>
 * <li>A READY, unclaimed step behind an unfinished required step (an edit put it there, or a retry made it READY
 * there) goes back to PENDING, whatever the instance's status.</li>
 * <li>A claimed READY step, or one IN_PROGRESS or BLOCKED, behind an unfinished required step is a conflict: someone
 * holds it, so the edit that would put it there is refused.</li>
 * <li>The instance completes when every required step is COMPLETED or SKIPPED and none is IN_PROGRESS or BLOCKED;
 * its optional steps still PENDING or READY are then skipped. An instance with no required step completes when
 * every step has ended (COMPLETED, SKIPPED or FAILED).</li>
 * <li>A step with a condition that would become READY (or is READY and nobody holds it) is judged: true, it is (or
 * stays) READY; false, the engine skips it, which counts as done for the steps after it; not yet (a step the condition
 * names has not ended), it waits PENDING. Judging sees the states this plan is giving earlier steps.</li>
 * </ul>
 */
final class Readiness {

    record StepState(UUID id, boolean required, ActionState state, boolean claimed, boolean conditioned) {

        StepState(UUID id, boolean required, ActionState state, boolean claimed) {
            this(id, required, state, claimed, false);
        }

        /** Someone holds the step: claimed, started or blocked. */
        boolean isHeld() {
            return state.isActive() || (state == ActionState.READY && claimed);
        }
    }

    /**
     * What to change: steps to make READY, READY steps to return to PENDING, and the held steps that stand behind an
     * unfinished required step (with that step), which only an edit can cause.
     */
    record Plan(List<UUID> becomeReady, List<UUID> becomePending, List<Conflict> conflicts, boolean completes,
                List<UUID> autoSkip, List<UUID> conditionSkip) {
        static final Plan NOTHING = new Plan(List.of(), List.of(), List.of(), false, List.of(), List.of());

        Plan(List<UUID> becomeReady, List<UUID> becomePending, List<Conflict> conflicts, boolean completes,
             List<UUID> autoSkip) {
            this(becomeReady, becomePending, conflicts, completes, autoSkip, List.of());
        }

        boolean isEmpty() {
            return becomeReady.isEmpty() && becomePending.isEmpty() && conditionSkip.isEmpty() && !completes;
        }
    }

    /** Judges a step's condition, seeing the other steps in the states the plan has given them so far. */
    @FunctionalInterface
    interface Judge {
        Verdict verdict(UUID stepId, Map<UUID, ActionState> planned);
    }

    /** For instances without conditions. */
    static final Judge NO_CONDITIONS = (stepId, planned) -> Verdict.TRUE;

    /** {@code stepId} is held but stands behind {@code waitsFor}, a required step that has not finished. */
    record Conflict(UUID stepId, UUID waitsFor) {
    }

    private Readiness() {
    }

    static Plan evaluate(WorkflowStatus status, List<StepState> stepsInOrder) {
        return evaluate(status, stepsInOrder, NO_CONDITIONS);
    }

    static Plan evaluate(WorkflowStatus status, List<StepState> stepsInOrder, Judge judge) {
        if (stepsInOrder.isEmpty() || status == WorkflowStatus.COMPLETED || status == WorkflowStatus.CANCELED) {
            return Plan.NOTHING;
        }
        boolean active = status == WorkflowStatus.ACTIVE;
        Map<UUID, ActionState> planned = new HashMap<>();
        stepsInOrder.forEach(s -> planned.put(s.id(), s.state()));
        List<UUID> ready = new ArrayList<>();
        List<UUID> pending = new ArrayList<>();
        List<UUID> conditionSkip = new ArrayList<>();
        List<Conflict> conflicts = new ArrayList<>();
        UUID waitsFor = null;
        for (StepState step : stepsInOrder) {
            if (waitsFor == null) {
                boolean free = step.state() == ActionState.PENDING
                        || (step.state() == ActionState.READY && !step.isHeld());
                if (step.conditioned() && free) {
                    Verdict verdict = judge.verdict(step.id(), planned);
                    if (verdict == Verdict.FALSE && active) {
                        conditionSkip.add(step.id());
                        planned.put(step.id(), ActionState.SKIPPED);
                    } else if (verdict == Verdict.WAIT && step.state() == ActionState.READY) {
                        pending.add(step.id());
                        planned.put(step.id(), ActionState.PENDING);
                    } else if (verdict == Verdict.TRUE && active && step.state() == ActionState.PENDING) {
                        ready.add(step.id());
                        planned.put(step.id(), ActionState.READY);
                    }
                } else if (active && step.state() == ActionState.PENDING) {
                    ready.add(step.id());
                    planned.put(step.id(), ActionState.READY);
                }
            } else if (step.isHeld()) {
                conflicts.add(new Conflict(step.id(), waitsFor));
            } else if (step.state() == ActionState.READY) {
                pending.add(step.id());
                planned.put(step.id(), ActionState.PENDING);
            }
            if (waitsFor == null && step.required() && !planned.get(step.id()).isDone()) {
                waitsFor = step.id();
            }
        }
        if (active && completes(stepsInOrder, planned)) {
            List<UUID> skip = stepsInOrder.stream()
                    .filter(s -> !s.required() && !conditionSkip.contains(s.id()))
                    .filter(s -> s.state() == ActionState.PENDING || s.state() == ActionState.READY)
                    .map(StepState::id).toList();
            return new Plan(List.of(), List.of(), List.of(), true, skip, conditionSkip);
        }
        return new Plan(ready, pending, conflicts, false, List.of(), conditionSkip);
    }

    private static boolean completes(List<StepState> steps, Map<UUID, ActionState> planned) {
        if (steps.stream().anyMatch(s -> planned.get(s.id()).isActive())) {
            return false;
        }
        boolean anyRequired = steps.stream().anyMatch(StepState::required);
        if (anyRequired) {
            return steps.stream().filter(StepState::required).allMatch(s -> planned.get(s.id()).isDone());
        }
        return steps.stream().allMatch(s -> planned.get(s.id()).isDone() || planned.get(s.id()) == ActionState.FAILED);
    }
}
