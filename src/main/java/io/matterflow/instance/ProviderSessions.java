package io.matterflow.instance;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.matterflow.action.ActionContext;
import io.matterflow.action.ActionEvent;
import io.matterflow.action.ActionHandler;
import io.matterflow.action.ActionRegistry;
import io.matterflow.action.ActionState;
import io.matterflow.audit.AuditLog;
import io.matterflow.audit.AuditRecord;
import io.matterflow.directory.Actor;
import io.matterflow.instance.internal.InstanceEntity;
import io.matterflow.instance.internal.InstanceStepEntity;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The sessions steps open at providers (a signing session, a payment intent: what {@link ActionHandler#start} keeps
 * under {@link ActionHandler#providerReferenceKey()}), from start to close. Each is remembered in
 * {@code provider_sessions} when its attempt starts, so that an event about it still finds its step once the step
 * has been retried ({@link #stepOf}). When the engine ends an attempt without completing it (skip, retry, the instance
 * cancelled or completed) the session is closed through the handler's {@link ActionHandler#closeSession} after the
 * engine's change has committed: a provider that fails is logged, counted ({@value #CANCEL_FAILURES}, tagged by
 * kind) and audited, and never undoes that change. Every close, done or failed, is audited on the step as
 * {@value #CLOSE_ACTION} with {@code sessionClosedAt}.
 */
@Component
class ProviderSessions {

    static final String CANCEL_FAILURES = "workflow.provider.cancel.failures";
    static final String CLOSE_ACTION = "step.provider-session-close";
    static final String CLOSED = "CLOSED";
    static final String FAILED = "FAILED";

    /** The states in which a step's attempt may still hold an open session when its instance ends. */
    private static final Set<ActionState> OPEN = EnumSet.of(ActionState.IN_PROGRESS, ActionState.BLOCKED,
            ActionState.FAILED);
    private static final Logger log = LoggerFactory.getLogger(ProviderSessions.class);

    private final JdbcTemplate jdbc;
    private final ActionRegistry registry;
    private final StepObservations observations;
    private final AuditLog audit;
    private final MeterRegistry meters;
    private final TransactionTemplate separately;
    private final Clock clock;

    ProviderSessions(JdbcTemplate jdbc, ActionRegistry registry, StepObservations observations, AuditLog audit,
                     MeterRegistry meters, PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.observations = observations;
        this.audit = audit;
        this.meters = meters;
        this.separately = new TransactionTemplate(transactionManager);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /**
     * In the transition's transaction, once the step has moved: remembers the session a START opened, and closes the
     * one a SKIP or RETRY ended ({@code attempt}: the step's data before the move), after commit. The transition's
     * audit metadata names the session it closes ({@code closesProviderSession}).
     */
    void moved(InstanceEntity instance, InstanceStepEntity step, ActionEvent event, Map<String, Object> attempt,
               Map<String, Object> metadata, Instant now) {
        ActionHandler<Object> handler = registry.handler(step.actionType());
        String key = handler.providerReferenceKey();
        if (key == null || handler.providerKind() == null) {
            return;
        }
        if (event == ActionEvent.START && step.providerRef() != null) {
            opened(instance, step, handler.providerKind(), provider(step.actionData()), step.providerRef(), now);
        } else if ((event == ActionEvent.SKIP || event == ActionEvent.RETRY)
                && attempt.get(key) instanceof String reference) {
            metadata.put("closesProviderSession", reference);
            close(instance, step, handler, attempt, reference, event == ActionEvent.SKIP ? "step skipped"
                    : "step retried");
        }
    }

    /**
     * In the transaction that cancels or completes the instance: closes, after commit, the session of every step
     * whose attempt may still hold one open (started, blocked or failed).
     */
    void instanceEnded(InstanceEntity instance, List<InstanceStepEntity> steps, String cause) {
        for (InstanceStepEntity step : steps) {
            if (step.providerRef() == null || !OPEN.contains(step.state())) {
                continue;
            }
            registry.find(step.actionType()).filter(h -> h.providerKind() != null)
                    .ifPresent(handler -> close(instance, step, handler, step.actionData(), step.providerRef(), cause));
        }
    }

    /** The step that opened the session, also when its attempt has been retried since; empty for none. */
    Optional<UUID> stepOf(String providerKind, String provider, String reference) {
        return jdbc.queryForList("select step_id from provider_sessions where provider_kind = ? and provider = ?"
                        + " and reference = ?", UUID.class, providerKind, provider, reference).stream().findFirst();
    }

    private void opened(InstanceEntity instance, InstanceStepEntity step, String kind, String provider,
                        String reference, Instant now) {
        jdbc.update("""
                insert into provider_sessions (provider_kind, provider, reference, org_id, instance_id, step_id, opened_at)
                select ?, ?, ?, ?, ?, ?, ?
                where not exists (select 1 from provider_sessions where provider_kind = ? and provider = ?
                    and reference = ?)
                """, kind, provider, reference, instance.orgId(), instance.id(), step.id(), Timestamp.from(now),
                kind, provider, reference);
    }

    private void close(InstanceEntity instance, InstanceStepEntity step, ActionHandler<Object> handler,
                       Map<String, Object> attempt, String reference, String cause) {
        var closing = new Closing(instance.orgId(), instance.id(), instance.matterId(), step.id(), step.actionType(),
                step.actionConfig(), Collections.unmodifiableMap(new LinkedHashMap<>(attempt)), step.state(),
                handler.providerKind(), provider(attempt), reference, cause);
        InstanceProgress.afterCommit(() -> closeNow(handler, closing));
    }

    private record Closing(UUID orgId, UUID instanceId, UUID matterId, UUID stepId,
                           io.matterflow.action.ActionType type, Map<String, Object> config,
                           Map<String, Object> attempt, ActionState state, String kind, String provider,
                           String reference, String cause) {
    }

    /** After commit: the provider's call, then its record; nothing here is thrown at the caller. */
    private void closeNow(ActionHandler<Object> handler, Closing closing) {
        Instant now = clock.instant();
        String outcome = CLOSED;
        String error = null;
        try {
            ActionHandler<Object> observed = observations.observed(handler, closing.stepId());
            Object config = observed.validateConfig(closing.config());
            observed.closeSession(new ActionContext<>(closing.stepId(), closing.instanceId(), closing.matterId(),
                    closing.orgId(), closing.type(), config, new LinkedHashMap<>(closing.attempt()), closing.state(),
                    Actor.system(closing.orgId()), null, now));
        } catch (RuntimeException e) {
            outcome = FAILED;
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            meters.counter(CANCEL_FAILURES, "kind", closing.kind()).increment();
            log.warn("Could not close {}/{} session {} of step {} ({}); the step's change stands", closing.kind(),
                    closing.provider(), closing.reference(), closing.stepId(), closing.cause(), e);
        }
        for (int attempt = 1; attempt <= StepRuntime.MAX_ATTEMPTS; attempt++) {
            try {
                String result = outcome;
                String failure = error;
                separately.executeWithoutResult(status -> record(closing, result, failure, now));
                return;
            } catch (RuntimeException e) {
                if (!StepRuntime.isLostRace(e) || attempt == StepRuntime.MAX_ATTEMPTS) {
                    log.warn("Could not record the close of {}/{} session {} of step {}", closing.kind(),
                            closing.provider(), closing.reference(), closing.stepId(), e);
                    return;
                }
            }
        }
    }

    private void record(Closing closing, String outcome, String error, Instant now) {
        int updated = jdbc.update("update provider_sessions set closed_at = ?, close_outcome = ? where provider_kind = ?"
                        + " and provider = ? and reference = ?", Timestamp.from(now), outcome, closing.kind(),
                closing.provider(), closing.reference());
        if (updated == 0) { // a session opened before sessions were remembered
            jdbc.update("""
                    insert into provider_sessions (provider_kind, provider, reference, org_id, instance_id, step_id,
                        opened_at, closed_at, close_outcome)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, closing.kind(), closing.provider(), closing.reference(), closing.orgId(),
                    closing.instanceId(), closing.stepId(), Timestamp.from(now), Timestamp.from(now), outcome);
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("providerKind", closing.kind());
        metadata.put("provider", closing.provider());
        metadata.put("reference", closing.reference());
        metadata.put("cause", closing.cause());
        metadata.put("outcome", outcome);
        metadata.put("sessionClosedAt", now.toString());
        if (error != null) {
            metadata.put("error", error.length() > 500 ? error.substring(0, 500) : error);
        }
        audit.append(new AuditRecord(closing.orgId(), closing.instanceId(), Actor.system(closing.orgId()),
                CLOSE_ACTION, "STEP", closing.stepId(), null, null, metadata));
    }

    private static String provider(Map<String, Object> data) {
        return String.valueOf(data.getOrDefault("provider", "mock"));
    }
}
