package io.matterflow.instance;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.matterflow.action.ActionState;

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
 * </ul>
 */
final class Readiness {

    record StepState(UUID id, boolean required, ActionState state, boolean claimed) {

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
                List<UUID> autoSkip) {
        static final Plan NOTHING = new Plan(List.of(), List.of(), List.of(), false, List.of());

        boolean isEmpty() {
            return becomeReady.isEmpty() && becomePending.isEmpty() && !completes;
        }
    }

    /** {@code stepId} is held but stands behind {@code waitsFor}, a required step that has not finished. */
    record Conflict(UUID stepId, UUID waitsFor) {
    }

    private Readiness() {
    }

    static Plan evaluate(WorkflowStatus status, List<StepState> stepsInOrder) {
        if (stepsInOrder.isEmpty() || status == WorkflowStatus.COMPLETED || status == WorkflowStatus.CANCELED) {
            return Plan.NOTHING;
        }
        boolean active = status == WorkflowStatus.ACTIVE;
        if (active && completes(stepsInOrder)) {
            List<UUID> skip = stepsInOrder.stream()
                    .filter(s -> !s.required() && (s.state() == ActionState.PENDING || s.state() == ActionState.READY))
                    .map(StepState::id).toList();
            return new Plan(List.of(), List.of(), List.of(), true, skip);
        }
        List<UUID> ready = new ArrayList<>();
        List<UUID> pending = new ArrayList<>();
        List<Conflict> conflicts = new ArrayList<>();
        UUID waitsFor = null;
        for (StepState step : stepsInOrder) {
            if (waitsFor == null) {
                if (active && step.state() == ActionState.PENDING) {
                    ready.add(step.id());
                }
            } else if (step.isHeld()) {
                conflicts.add(new Conflict(step.id(), waitsFor));
            } else if (step.state() == ActionState.READY) {
                pending.add(step.id());
            }
            if (waitsFor == null && step.required() && !step.state().isDone()) {
                waitsFor = step.id();
            }
        }
        return new Plan(ready, pending, conflicts, false, List.of());
    }

    private static boolean completes(List<StepState> steps) {
        if (steps.stream().anyMatch(s -> s.state().isActive())) {
            return false;
        }
        boolean anyRequired = steps.stream().anyMatch(StepState::required);
        if (anyRequired) {
            return steps.stream().filter(StepState::required).allMatch(s -> s.state().isDone());
        }
        return steps.stream().allMatch(s -> s.state().isDone() || s.state() == ActionState.FAILED);
    }
}
