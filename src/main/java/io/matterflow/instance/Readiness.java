package io.matterflow.instance;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.matterflow.action.ActionState;

/**
 * Which steps become READY and whether the instance completes; a pure function of the instance's status and its
 * steps in order.
 * <ul>
 * <li>A PENDING step becomes READY when the instance is ACTIVE and every required step before it is COMPLETED or
 * SKIPPED. Optional steps never block later ones.</li>
 * <li>The instance completes when every required step is COMPLETED or SKIPPED and none is IN_PROGRESS or BLOCKED;
 * its optional steps still PENDING or READY are then skipped. An instance with no required step completes when
 * every step has ended (COMPLETED, SKIPPED or FAILED).</li>
 * </ul>
 */
final class Readiness {

    record StepState(UUID id, boolean required, ActionState state) {
    }

    record Plan(List<UUID> becomeReady, boolean completes, List<UUID> autoSkip) {
        static final Plan NOTHING = new Plan(List.of(), false, List.of());

        boolean isEmpty() {
            return becomeReady.isEmpty() && !completes;
        }
    }

    private Readiness() {
    }

    static Plan evaluate(WorkflowStatus status, List<StepState> stepsInOrder) {
        if (status != WorkflowStatus.ACTIVE || stepsInOrder.isEmpty()) {
            return Plan.NOTHING;
        }
        if (completes(stepsInOrder)) {
            List<UUID> skip = stepsInOrder.stream()
                    .filter(s -> !s.required() && (s.state() == ActionState.PENDING || s.state() == ActionState.READY))
                    .map(StepState::id).toList();
            return new Plan(List.of(), true, skip);
        }
        List<UUID> ready = new ArrayList<>();
        for (StepState step : stepsInOrder) {
            if (step.state() == ActionState.PENDING) {
                ready.add(step.id());
            }
            if (step.required() && !step.state().isDone()) {
                break;
            }
        }
        return new Plan(ready, false, List.of());
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
