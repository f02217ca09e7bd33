package io.matterflow.condition;

import java.util.Map;
import java.util.UUID;

import io.matterflow.action.ActionState;
import io.matterflow.action.ActionType;

/** What an instance's condition is evaluated against: its steps as they stand (or are about to), and its matter. */
public interface ConditionFacts {

    /** A step a clause names: its type, state and data. */
    record StepFact(ActionType type, ActionState state, Map<String, Object> data) {
    }

    /** The step with this id, or null when the instance has none. */
    StepFact step(UUID stepId);

    /** The matter's practice area, or null. */
    String practiceArea();

    /** Whether the matter has a key date of this name. */
    boolean hasKeyDate(String name);
}
