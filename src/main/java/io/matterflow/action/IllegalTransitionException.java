package io.matterflow.action;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.matterflow.common.ConflictException;

/** The step's state does not allow the event. Names the state, the event and what is allowed. */
public class IllegalTransitionException extends ConflictException {

    public IllegalTransitionException(ActionState state, ActionEvent event, Set<ActionEvent> allowed) {
        super("Illegal transition",
                "cannot " + event.route() + " a step that is " + state + "; allowed: "
                        + (allowed.isEmpty() ? "none" : allowed.stream().map(ActionEvent::route).sorted().toList()),
                Map.of("state", state.name(), "event", event.route(),
                        "allowedEvents", allowed.stream().map(ActionEvent::route).sorted().toList()));
    }

    public IllegalTransitionException(String message, ActionState state, ActionEvent event) {
        super("Illegal transition", message, Map.of("state", state.name(), "event", event.route(),
                "allowedEvents", List.of()));
    }
}
