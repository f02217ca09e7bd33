package io.matterflow.action;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The contract every action type implements, member for member the plan's {@code IActionHandler}, plus the
 * questions the engine asks about a type (who may complete it, from which state, which provider reports on it,
 * which documents it holds), each with the answer most types give as a default.
 * A handler is a Spring bean; {@link ActionRegistry} collects all of them at start-up, so a new type is one
 * class (plus its config and payload records and its UI fragment). Handlers never change the step's state
 * themselves: they record what happened in {@link ActionContext#data()} and say which state an event leads to.
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

    /** The word people read for the type in the UI; the API keeps {@link ActionType#name()}. */
    default String label() {
        return type().label();
    }

    /**
     * What the type's {@code actionConfig} holds, for the API's description of it, such as
     * {@code `{items?: [string]}`} ({@code ?}: optional).
     */
    default String configDescription() {
        return "`{}`";
    }

    /** Whether COMPLETE may be raised on a READY step, which then starts and completes in one go (a checklist). */
    default boolean completesFromReady() {
        return false;
    }

    /**
     * Whether people may complete the step; when not, only its provider's confirmation does (a payment), and the
     * UI offers no "complete".
     */
    default boolean completedByPeople() {
        return true;
    }

    /**
     * The kind of provider whose webhook reports on the step's attempts ({@link ESignatureProvider#KIND},
     * {@link PaymentProvider#KIND}), or null for a type no provider reports on.
     */
    default String providerKind() {
        return null;
    }

    /**
     * The key in the step's data under which {@link #start} keeps the id the provider knows the current attempt by
     * (a signing session, a payment intent): a provider's event finds its step by it. Null for none.
     */
    default String providerReferenceKey() {
        return null;
    }

    /**
     * Closes what {@link #start} opened outside for the attempt whose data {@code ctx} holds (a signing session, a
     * payment intent), because the engine ended that attempt without completing it: the step was skipped or retried,
     * or its instance was cancelled or completed. The engine calls it after its own change has committed, with the
     * attempt's data as it was, and treats a failure (any exception) as the provider's: logged, counted
     * ({@code workflow.provider.cancel.failures}) and audited, never undoing the step's change. Must be safe to call
     * for a session that has already ended. The default closes nothing: most types open nothing outside.
     */
    default void closeSession(ActionContext<C> ctx) {
    }

    /**
     * The documents stored in Matterflow that a config names for the client to sign, by config field
     * ({@code documentId}); checked to belong to the template or instance, and served to the signer.
     */
    default Map<String, UUID> documentsToSign(Map<String, ?> config) {
        return Map.of();
    }

    /**
     * Whether the step takes uploaded documents, and of which types: empty when it takes none, else the accepted
     * MIME types and extensions ({@link AcceptedTypes}; an empty list accepts any).
     */
    default Optional<List<String>> acceptedUploads(C config) {
        return Optional.empty();
    }

    /**
     * The results of a step of this type that a later step's condition may ask about, beyond {@link Outcome#COMPLETED}
     * and {@link Outcome#SKIPPED}, which every step has: an approval's APPROVED and REJECTED, a checklist's CHECKED per
     * item. A template that names a negative one (a result the handler ends as FAILED) has said what follows it: the
     * step then ends COMPLETED with that result, and the condition decides the path.
     */
    default List<Outcome> outcomes(C config) {
        return List.of();
    }

    /** Whether a COMPLETED step with this data had the outcome ({@link #outcomes}) a condition names. */
    default boolean hasOutcome(String outcome, String item, Map<String, ?> data) {
        return false;
    }
}
