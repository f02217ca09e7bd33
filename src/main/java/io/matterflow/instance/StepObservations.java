package io.matterflow.instance;

import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import io.matterflow.action.ActionContext;
import io.matterflow.action.ActionEvent;
import io.matterflow.action.ActionHandler;
import io.matterflow.action.ActionState;
import io.matterflow.action.ActionType;
import io.matterflow.instance.internal.InstanceStepEntity;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * The engine's observations, all in one place. Each becomes a span (when tracing samples it) and a timer:
 * <ul>
 * <li>{@value #COMMAND}: one request to move a step, across its lost-race retries, including the commit;</li>
 * <li>{@value #TRANSITION}: one step transition (a checklist completed from READY makes two), nested in the
 * command, or in whatever else settles readiness (instantiation, instance edits);</li>
 * <li>{@value #HANDLER}: one call into the step's {@link ActionHandler}, nested in the transition.</li>
 * </ul>
 * Low-cardinality keys (metric tags and span attributes): {@code actionType}, {@code event}, {@code operation}.
 * High-cardinality keys (span attributes only): {@code stepId}, {@code instanceId}, {@code from}, {@code to}.
 */
@Component
class StepObservations {

    static final String COMMAND = "workflow.step.command";
    static final String TRANSITION = "workflow.step.transition";
    static final String HANDLER = "workflow.action.handler";
    /** An event on the command observation, counted as {@code workflow.step.command.lost-race}. */
    static final String LOST_RACE = "lost-race";

    static final String ACTION_TYPE = "actionType";
    static final String EVENT = "event";
    static final String OPERATION = "operation";
    static final String STEP_ID = "stepId";
    static final String INSTANCE_ID = "instanceId";
    static final String FROM = "from";
    static final String TO = "to";

    private final ObservationRegistry registry;

    StepObservations(ObservationRegistry registry) {
        this.registry = registry;
    }

    /** Observes one command: everything {@link StepRuntime#execute} does for it, retries included. */
    <T> T command(ActionEvent event, UUID stepId, Supplier<T> body) {
        return Observation.createNotStarted(COMMAND, registry)
                .lowCardinalityKeyValue(EVENT, event.route())
                .highCardinalityKeyValue(STEP_ID, String.valueOf(stepId))
                .observe(body);
    }

    /** Marks the current command as having lost a race, before it is retried on fresh state. */
    void lostRace() {
        Observation current = registry.getCurrentObservation();
        if (current != null) {
            current.event(Observation.Event.of(LOST_RACE, "lost a race on the step or its instance; retrying"));
        }
    }

    /** Observes one transition of the step; {@code to} is read when the body has run. */
    void transition(InstanceStepEntity step, ActionEvent event, Runnable body) {
        Observation observation = Observation.createNotStarted(TRANSITION, registry)
                .lowCardinalityKeyValue(ACTION_TYPE, step.actionType().name())
                .lowCardinalityKeyValue(EVENT, event.route())
                .highCardinalityKeyValue(STEP_ID, step.id().toString())
                .highCardinalityKeyValue(INSTANCE_ID, step.instanceId().toString())
                .highCardinalityKeyValue(FROM, step.state().name());
        observation.observe(() -> {
            body.run();
            observation.highCardinalityKeyValue(TO, step.state().name());
        });
    }

    /** The handler with each of its calls observed as {@value #HANDLER}, tagged with the call's name. */
    ActionHandler<Object> observed(ActionHandler<Object> handler, UUID stepId) {
        return new ObservedHandler(handler, stepId);
    }

    private <T> T handlerCall(ActionType type, String operation, UUID stepId, Supplier<T> call) {
        return Observation.createNotStarted(HANDLER, registry)
                .lowCardinalityKeyValue(ACTION_TYPE, type.name())
                .lowCardinalityKeyValue(OPERATION, operation)
                .highCardinalityKeyValue(STEP_ID, String.valueOf(stepId))
                .observe(call);
    }

    private final class ObservedHandler implements ActionHandler<Object> {

        private final ActionHandler<Object> delegate;
        private final UUID stepId;

        ObservedHandler(ActionHandler<Object> delegate, UUID stepId) {
            this.delegate = delegate;
            this.stepId = stepId;
        }

        @Override
        public ActionType type() {
            return delegate.type();
        }

        @Override
        public Object validateConfig(Map<String, ?> config) {
            return handlerCall(type(), "validateConfig", stepId, () -> delegate.validateConfig(config));
        }

        @Override
        public boolean canStart(ActionContext<Object> ctx) {
            return handlerCall(type(), "canStart", stepId, () -> delegate.canStart(ctx));
        }

        @Override
        public void start(ActionContext<Object> ctx) {
            handlerCall(type(), "start", stepId, () -> {
                delegate.start(ctx);
                return null;
            });
        }

        @Override
        public void complete(ActionContext<Object> ctx, Map<String, ?> payload) {
            handlerCall(type(), "complete", stepId, () -> {
                delegate.complete(ctx, payload);
                return null;
            });
        }

        @Override
        public void fail(ActionContext<Object> ctx, String reason) {
            handlerCall(type(), "fail", stepId, () -> {
                delegate.fail(ctx, reason);
                return null;
            });
        }

        @Override
        public void closeSession(ActionContext<Object> ctx) {
            handlerCall(type(), "closeSession", stepId, () -> {
                delegate.closeSession(ctx);
                return null;
            });
        }

        @Override
        public ActionState getNextStateOnEvent(ActionContext<Object> ctx, ActionEvent event) {
            return handlerCall(type(), "getNextStateOnEvent", stepId, () -> delegate.getNextStateOnEvent(ctx, event));
        }

        // the questions about the type answer what the handler answers, unobserved: they run no action

        @Override
        public String label() {
            return delegate.label();
        }

        @Override
        public String configDescription() {
            return delegate.configDescription();
        }

        @Override
        public boolean completesFromReady() {
            return delegate.completesFromReady();
        }

        @Override
        public boolean completedByPeople() {
            return delegate.completedByPeople();
        }

        @Override
        public String providerKind() {
            return delegate.providerKind();
        }

        @Override
        public String providerReferenceKey() {
            return delegate.providerReferenceKey();
        }

        @Override
        public Map<String, UUID> documentsToSign(Map<String, ?> config) {
            return delegate.documentsToSign(config);
        }

        @Override
        public java.util.Optional<java.util.List<String>> acceptedUploads(Object config) {
            return delegate.acceptedUploads(config);
        }
    }
}
