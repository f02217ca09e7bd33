package io.matterflow.action;

import static io.matterflow.action.ActionEvent.ASSIGN;
import static io.matterflow.action.ActionEvent.AUTO_SKIP;
import static io.matterflow.action.ActionEvent.BLOCK;
import static io.matterflow.action.ActionEvent.CLAIM;
import static io.matterflow.action.ActionEvent.COMPLETE;
import static io.matterflow.action.ActionEvent.FAIL;
import static io.matterflow.action.ActionEvent.READY;
import static io.matterflow.action.ActionEvent.RELEASE;
import static io.matterflow.action.ActionEvent.RETRY;
import static io.matterflow.action.ActionEvent.SKIP;
import static io.matterflow.action.ActionEvent.START;
import static io.matterflow.action.ActionEvent.UNBLOCK;
import static io.matterflow.action.ActionEvent.UNCLAIM;
import static io.matterflow.action.ActionEvent.WITHDRAW;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The step lifecycle as a table {@code (state, event) -> state}; nothing else moves a step.
 * Who may raise an event, and whether a handler overrides the target of COMPLETE, is decided elsewhere.
 */
public final class StepStateMachine {

    private static final Map<ActionState, Map<ActionEvent, ActionState>> TABLE = new EnumMap<>(ActionState.class);

    static {
        for (ActionState s : ActionState.values()) {
            TABLE.put(s, new EnumMap<>(ActionEvent.class));
        }
        allow(ActionState.PENDING, READY, ActionState.READY);
        allow(ActionState.PENDING, AUTO_SKIP, ActionState.SKIPPED);
        allow(ActionState.READY, CLAIM, ActionState.READY);
        allow(ActionState.READY, UNCLAIM, ActionState.READY);
        allow(ActionState.READY, START, ActionState.IN_PROGRESS);
        allow(ActionState.READY, SKIP, ActionState.SKIPPED);
        allow(ActionState.READY, AUTO_SKIP, ActionState.SKIPPED);
        allow(ActionState.READY, WITHDRAW, ActionState.PENDING);
        allow(ActionState.IN_PROGRESS, COMPLETE, ActionState.COMPLETED);
        allow(ActionState.IN_PROGRESS, FAIL, ActionState.FAILED);
        allow(ActionState.IN_PROGRESS, BLOCK, ActionState.BLOCKED);
        allow(ActionState.IN_PROGRESS, SKIP, ActionState.SKIPPED);
        allow(ActionState.BLOCKED, UNBLOCK, ActionState.IN_PROGRESS);
        allow(ActionState.FAILED, RETRY, ActionState.READY);
        allow(ActionState.READY, ASSIGN, ActionState.READY);
        allow(ActionState.IN_PROGRESS, ASSIGN, ActionState.IN_PROGRESS);
        allow(ActionState.BLOCKED, ASSIGN, ActionState.BLOCKED);
        allow(ActionState.READY, RELEASE, ActionState.READY);
        allow(ActionState.IN_PROGRESS, RELEASE, ActionState.IN_PROGRESS);
        allow(ActionState.BLOCKED, RELEASE, ActionState.BLOCKED);
    }

    /** The states a handler may choose for COMPLETE: success, or a negative outcome such as a rejected approval. */
    public static final Set<ActionState> COMPLETE_OUTCOMES =
            Collections.unmodifiableSet(EnumSet.of(ActionState.COMPLETED, ActionState.FAILED));

    private StepStateMachine() {
    }

    private static void allow(ActionState from, ActionEvent event, ActionState to) {
        TABLE.get(from).put(event, to);
    }

    public static Optional<ActionState> next(ActionState from, ActionEvent event) {
        return Optional.ofNullable(TABLE.get(from).get(event));
    }

    /** The target state, or {@link IllegalTransitionException} naming what the state allows. */
    public static ActionState transition(ActionState from, ActionEvent event) {
        return next(from, event).orElseThrow(() -> new IllegalTransitionException(from, event, allowedEvents(from)));
    }

    public static Set<ActionEvent> allowedEvents(ActionState from) {
        Set<ActionEvent> events = EnumSet.noneOf(ActionEvent.class);
        events.addAll(TABLE.get(from).keySet());
        return Collections.unmodifiableSet(events);
    }

    /** True for states no event leaves except RETRY (FAILED) or none at all. */
    public static boolean isTerminal(ActionState state) {
        return state == ActionState.COMPLETED || state == ActionState.SKIPPED || state == ActionState.FAILED;
    }
}
