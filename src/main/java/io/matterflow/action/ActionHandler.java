package io.matterflow.action;

import java.util.Map;

/**
 * The contract every action type implements, member for member the plan's {@code IActionHandler}.
 * A handler is a Spring bean; {@link ActionRegistry} collects all of them at start-up, so a new type is one
 * class (plus its UI fragment). Handlers never change the step's state themselves: they record what happened
 * in {@link ActionContext#data()} and say which state an event leads to.
 *
 * @param <C> the validated config record
 */
public interface ActionHandler<C> {

    ActionType type();

    /** Parses and validates a raw JSON config; throws {@link InvalidActionConfigException} naming every bad field. */
    C validateConfig(Map<String, ?> config);

    /** Whether the step can start now, e.g. a signature needs the matter to have a client to sign. */
    boolean canStart(ActionContext<C> ctx);

    /** Runs on READY -> IN_PROGRESS: opens whatever the action needs outside (a signing session, a payment intent). */
    void start(ActionContext<C> ctx);

    /** Validates the payload ({@link InvalidPayloadException} naming the fields) and records the outcome in data. */
    void complete(ActionContext<C> ctx, Map<String, ?> payload);

    /** Records a failure reason in data. */
    void fail(ActionContext<C> ctx, String reason);

    /**
     * The state an event leads to for this step. The default is the state machine's table; a handler overrides
     * it where the outcome matters, e.g. a rejected approval completes as FAILED.
     */
    default ActionState getNextStateOnEvent(ActionContext<C> ctx, ActionEvent event) {
        return StepStateMachine.transition(ctx.state(), event);
    }
}
