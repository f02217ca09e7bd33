package io.matterflow.instance;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hibernate.StaleStateException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.matterflow.access.StepAccess;
import io.matterflow.access.StepRef;
import io.matterflow.action.ActionContext;
import io.matterflow.action.ActionEvent;
import io.matterflow.action.ActionHandler;
import io.matterflow.action.ActionRefusedException;
import io.matterflow.action.ActionRegistry;
import io.matterflow.action.ActionState;
import io.matterflow.action.StepStateMachine;
import io.matterflow.common.ConflictException;
import io.matterflow.common.Json;
import io.matterflow.common.NotFoundException;
import io.matterflow.common.UnprocessableException;
import io.matterflow.common.ValidationException;
import io.matterflow.directory.Actor;
import io.matterflow.instance.internal.InstanceEntity;
import io.matterflow.instance.internal.InstanceRepository;
import io.matterflow.instance.internal.InstanceStepEntity;
import io.matterflow.instance.internal.InstanceStepRepository;
import jakarta.persistence.OptimisticLockException;

/**
 * Every step transition goes through {@link #execute}, in one transaction and in one order: load and check
 * (step exists in the caller's organization and the caller may see its matter, else 404; instance ACTIVE) → who may
 * raise the event → state machine →
 * assignment → handler → persist with optimistic locking → audit → readiness and completion → domain events;
 * metrics once committed. A transaction that loses a race on the step or its instance is retried on fresh state,
 * so the loser gets the answer the new state gives (usually 409), never a stale write. The command, each
 * transition and each handler call are observed ({@link StepObservations}): spans and timers.
 */
@Service
public class StepRuntime {

    static final int MAX_ATTEMPTS = 4;
    public static final int MAX_REASON = 2000;

    private final InstanceRepository instances;
    private final InstanceStepRepository steps;
    private final ActionRegistry registry;
    private final StepAccess access;
    private final InstanceProgress progress;
    private final ProviderSessions sessions;
    private final StepObservations observations;
    private final TransactionTemplate transactions;
    private final Clock clock;

    StepRuntime(InstanceRepository instances, InstanceStepRepository steps, ActionRegistry registry, StepAccess access,
                InstanceProgress progress, ProviderSessions sessions, StepObservations observations,
                PlatformTransactionManager transactionManager, Clock clock) {
        this.sessions = sessions;
        this.instances = instances;
        this.steps = steps;
        this.registry = registry;
        this.access = access;
        this.progress = progress;
        this.observations = observations;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /**
     * A request to move one step. {@code payload} is the handler's complete payload; {@code reason} for fail, block,
     * skip; {@code assignee} for assign (null: back to the pool).
     */
    public record Command(UUID stepId, ActionEvent event, Map<String, Object> payload, String reason, UUID assignee) {

        public Command(UUID stepId, ActionEvent event, Map<String, Object> payload, String reason) {
            this(stepId, event, payload, reason, null);
        }

        public static Command assign(UUID stepId, UUID assignee) {
            return new Command(stepId, ActionEvent.ASSIGN, null, null, assignee);
        }

        public static Command of(UUID stepId, ActionEvent event) {
            return new Command(stepId, event, null, null);
        }

        public static Command complete(UUID stepId, Map<String, Object> payload) {
            return new Command(stepId, ActionEvent.COMPLETE, payload, null);
        }

        public static Command withReason(UUID stepId, ActionEvent event, String reason) {
            return new Command(stepId, event, null, reason);
        }
    }

    public StepDetails claim(Actor actor, UUID stepId) {
        return execute(actor, Command.of(stepId, ActionEvent.CLAIM));
    }

    public StepDetails unclaim(Actor actor, UUID stepId) {
        return execute(actor, Command.of(stepId, ActionEvent.UNCLAIM));
    }

    public StepDetails start(Actor actor, UUID stepId) {
        return execute(actor, Command.of(stepId, ActionEvent.START));
    }

    public StepDetails complete(Actor actor, UUID stepId, Map<String, Object> payload) {
        return execute(actor, Command.complete(stepId, payload));
    }

    public StepDetails fail(Actor actor, UUID stepId, String reason) {
        return execute(actor, Command.withReason(stepId, ActionEvent.FAIL, reason));
    }

    public StepDetails block(Actor actor, UUID stepId, String reason) {
        return execute(actor, Command.withReason(stepId, ActionEvent.BLOCK, reason));
    }

    public StepDetails unblock(Actor actor, UUID stepId) {
        return execute(actor, Command.of(stepId, ActionEvent.UNBLOCK));
    }

    public StepDetails skip(Actor actor, UUID stepId, String reason) {
        return execute(actor, Command.withReason(stepId, ActionEvent.SKIP, reason));
    }

    public StepDetails retry(Actor actor, UUID stepId) {
        return execute(actor, Command.of(stepId, ActionEvent.RETRY));
    }

    /** Gives the step to {@code assignee}, an eligible performer, or back to the pool ({@code null}). */
    public StepDetails assign(Actor actor, UUID stepId, UUID assignee) {
        return execute(actor, Command.assign(stepId, assignee));
    }

    /**
     * The events the actor may raise on the step now, by the same checks {@link #execute} applies (without running
     * the handler): what the UI offers as buttons.
     */
    public java.util.Set<ActionEvent> allowedEvents(Actor actor, InstanceDetails instance, StepDetails step) {
        java.util.Set<ActionEvent> allowed = java.util.EnumSet.noneOf(ActionEvent.class);
        if (instance.status() != WorkflowStatus.ACTIVE || !actor.isUser()) {
            return allowed;
        }
        var ref = new StepRef(step.id(), instance.id(), instance.matterId(), instance.orgId(), step.roleScope(),
                step.assignedToId());
        for (ActionEvent event : StepStateMachine.allowedEvents(step.actionState())) {
            if (!event.isSystemOnly() && event != ActionEvent.ASSIGN && permits(ref, actor, event)) {
                allowed.add(event);
            }
        }
        ActionHandler<Object> handler = registry.handler(step.actionType());
        if (!handler.completedByPeople()) {
            allowed.remove(ActionEvent.COMPLETE);
        } else if (handler.completesFromReady() && step.actionState() == ActionState.READY
                && allowed.contains(ActionEvent.START)) {
            allowed.add(ActionEvent.COMPLETE);
        }
        return allowed;
    }

    /** Whether the actor may give the step to someone now (admins, the matter's owner and lawyers; open steps). */
    public boolean canAssign(Actor actor, InstanceDetails instance, StepDetails step) {
        return actor.isUser() && assignable(instance.status())
                && StepStateMachine.next(step.actionState(), ActionEvent.ASSIGN).isPresent()
                && access.canAssign(new StepRef(step.id(), instance.id(), instance.matterId(), instance.orgId(),
                step.roleScope(), step.assignedToId()), actor);
    }

    /** Who may perform the step, in a stable order: whom it may be assigned to. */
    public List<UUID> eligiblePerformers(InstanceDetails instance, StepDetails step) {
        return access.resolveEligibleActors(instance.id(), new StepRef(step.id(), instance.id(), instance.matterId(),
                instance.orgId(), step.roleScope(), step.assignedToId())).stream().sorted().toList();
    }

    /** Assignment changes who does the work, not the work: allowed while the instance is paused too. */
    private static boolean assignable(WorkflowStatus status) {
        return status == WorkflowStatus.ACTIVE || status == WorkflowStatus.PAUSED;
    }

    private boolean permits(StepRef ref, Actor actor, ActionEvent event) {
        try {
            access.checkRole(ref, actor, event);
            access.checkAssignment(ref, actor, event);
            return true;
        } catch (io.matterflow.common.ForbiddenException | ConflictException e) {
            return false;
        }
    }

    public StepDetails execute(Actor actor, Command command) {
        checkCommand(command);
        return observations.command(command.event(), command.stepId(), () -> {
            for (int attempt = 1; ; attempt++) {
                try {
                    return transactions.execute(status -> apply(actor, command));
                } catch (RuntimeException e) {
                    if (!isLostRace(e)) {
                        throw e;
                    }
                    observations.lostRace();
                    if (attempt == MAX_ATTEMPTS) {
                        throw new ConflictException("Concurrent update",
                                "the step was changed by someone else at the same time; reload and try again");
                    }
                }
            }
        });
    }

    /**
     * {@link #execute} inside the caller's transaction and without retrying, for a caller that must commit rows of its
     * own atomically with the step change (a provider webhook's record of the event). A lost race leaves that
     * transaction unusable: the caller rolls it back and runs it again on fresh state ({@link #isLostRace}).
     */
    public StepDetails executeInCurrentTransaction(Actor actor, Command command) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("executeInCurrentTransaction needs the caller's transaction");
        }
        checkCommand(command);
        return observations.command(command.event(), command.stepId(), () -> apply(actor, command));
    }

    /**
     * In the caller's transaction: takes the step from the person it is assigned to (who was deactivated), leaving
     * its state as it is; by the admin who deactivated them. For the directory's deactivation, through its event.
     */
    public StepDetails releaseInCurrentTransaction(Actor actor, UUID stepId) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("releaseInCurrentTransaction needs the caller's transaction");
        }
        return observations.command(ActionEvent.RELEASE, stepId,
                () -> apply(actor, Command.of(stepId, ActionEvent.RELEASE)));
    }

    private static void checkCommand(Command command) {
        if (command.event().isSystemOnly()) {
            throw new IllegalArgumentException(command.event() + " is raised by the engine only");
        }
        checkReason(command);
    }

    private StepDetails apply(Actor actor, Command command) {
        Instant now = clock.instant();
        // the instance and every step in one query: readiness needs them all, and no later query flushes early
        List<Object[]> rows = steps.findInstanceWithStepsOf(command.stepId(), actor.orgId());
        if (rows.isEmpty()) {
            throw new NotFoundException("Step", command.stepId());
        }
        InstanceEntity instance = (InstanceEntity) rows.get(0)[1];
        List<InstanceStepEntity> siblings = rows.stream().map(row -> (InstanceStepEntity) row[0]).toList();
        InstanceStepEntity step = siblings.stream().filter(s -> s.id().equals(command.stepId())).findFirst()
                .orElseThrow(() -> new NotFoundException("Step", command.stepId()));
        access.requireVisible(ref(instance, step), actor);
        boolean allowed = command.event() == ActionEvent.ASSIGN || command.event() == ActionEvent.RELEASE
                ? assignable(instance.status())
                : instance.status() == WorkflowStatus.ACTIVE;
        if (!allowed) {
            throw new ConflictException("Instance not active", "steps cannot move while the instance is "
                    + instance.status(), Map.of("instanceStatus", instance.status().name()));
        }
        access.checkRole(ref(instance, step), actor, command.event());
        UUID clientId = access.matterClientId(ref(instance, step));

        boolean inline = command.event() == ActionEvent.COMPLETE && step.state() == ActionState.READY
                && registry.handler(step.actionType()).completesFromReady();
        if (inline) {
            // completing someone else's step is not permitted (403), also when it would first be started here
            access.checkAssignment(ref(instance, step), actor, ActionEvent.COMPLETE);
            move(instance, clientId, step, new Command(step.id(), ActionEvent.START, null, null), actor, now, false);
        }
        move(instance, clientId, step, command, actor, now, StepConditions.branchesOn(step, siblings));

        progress.settle(instance, siblings, now);
        instances.flush(); // the instance and its steps are managed: write them now, so that versions are current
        return step.toDetails();
    }

    /**
     * Moves one step. {@code branches}: a later step's condition names one of this step's outcomes, so an outcome
     * its handler would end as FAILED (a rejected approval) ends it COMPLETED, and the conditions decide what follows.
     */
    private void move(InstanceEntity instance, UUID clientId, InstanceStepEntity step, Command command,
                      Actor actor, Instant now, boolean branches) {
        observations.transition(step, command.event(),
                () -> transition(instance, clientId, step, command, actor, now, branches));
    }

    private void transition(InstanceEntity instance, UUID clientId, InstanceStepEntity step, Command command,
                            Actor actor, Instant now, boolean branches) {
        ActionEvent event = command.event();
        ActionState from = step.state();
        ActionState target = StepStateMachine.transition(from, event);
        StepRef ref = ref(instance, step);
        access.checkAssignment(ref, actor, event);

        ActionHandler<Object> type = registry.handler(step.actionType());
        ActionHandler<Object> handler = observations.observed(type, step.id());
        Object config = handler.validateConfig(step.actionConfig());
        Map<String, Object> data = new LinkedHashMap<>(step.actionData());
        var ctx = new ActionContext<>(step.id(), instance.id(), instance.matterId(), instance.orgId(),
                step.actionType(), config, data, from, actor, clientId, now);
        Map<String, Object> metadata = new LinkedHashMap<>();
        switch (event) {
            case CLAIM -> step.assign(actor.userId());
            case UNCLAIM -> step.assign(null);
            case START -> {
                if (!handler.canStart(ctx)) {
                    throw new ActionRefusedException("this " + step.actionType() + " step cannot start: "
                            + (clientId == null ? "the matter has no client" : "its handler refuses"));
                }
                handler.start(ctx);
                if (step.assignedToId() == null) {
                    step.assign(actor.userId());
                }
                step.started(now);
            }
            case COMPLETE -> {
                if (!type.completedByPeople() && actor.kind() != Actor.Kind.PROVIDER) {
                    throw new ActionRefusedException("this " + step.actionType() + " step completes only on its"
                            + " provider's confirmation");
                }
                handler.complete(ctx, command.payload() == null ? Map.of() : command.payload());
                target = handler.getNextStateOnEvent(ctx, event);
                if (!StepStateMachine.COMPLETE_OUTCOMES.contains(target)) {
                    throw new IllegalStateException(step.actionType() + " handler chose " + target + " for complete");
                }
                if (target == ActionState.FAILED && branches) {
                    target = ActionState.COMPLETED;
                    metadata.put("branch", "the template's conditions decide what follows this outcome");
                }
                if (target == ActionState.COMPLETED) {
                    step.completed(now);
                }
                metadata.put("payload", Json.normalize(command.payload()));
            }
            case FAIL -> {
                handler.fail(ctx, command.reason());
                target = handler.getNextStateOnEvent(ctx, event);
                metadata.put("reason", command.reason());
            }
            case BLOCK -> {
                data.put("blockedReason", command.reason());
                metadata.put("reason", command.reason());
            }
            case UNBLOCK -> data.remove("blockedReason");
            case SKIP -> {
                if (command.reason() != null) {
                    data.put("skipReason", command.reason());
                    metadata.put("reason", command.reason());
                }
            }
            case ASSIGN -> {
                UUID to = command.assignee();
                if (to == null && from != ActionState.READY) {
                    throw new ConflictException("Step needs an assignee", "a step that is " + from
                            + " is someone's work: give it to another person instead of the pool",
                            Map.of("state", from.name()));
                }
                if (to != null && !access.resolveEligibleActors(instance.id(), ref).contains(to)) {
                    throw UnprocessableException.of("Not eligible", "userId",
                            "is not someone who may perform this " + step.roleScope() + " step on this matter");
                }
                if (step.assignedToId() != null) {
                    metadata.put("previousAssigneeId", step.assignedToId().toString());
                }
                step.assign(to);
            }
            case RELEASE -> {
                if (step.assignedToId() != null) {
                    metadata.put("previousAssigneeId", step.assignedToId().toString());
                }
                metadata.put("reason", "the assignee was deactivated");
                step.assign(null);
            }
            case RETRY -> {
                step.assign(null);
                step.started(null);
                step.completed(null);
                retryFresh(data);
            }
            default -> throw new IllegalArgumentException(event + " is raised by the engine only");
        }
        Map<String, Object> attempt = step.actionData();
        step.moveTo(target, data, now, providerReference(type, data));
        sessions.moved(instance, step, event, attempt, metadata, now);
        progress.recorded(instance, step, event, from, actor, metadata);
    }

    /**
     * A retried step starts a fresh attempt: the failed attempt's data (session ids, outcomes, reasons) moves to
     * {@code previousAttempts}, so nothing of it leaks into the next completion, and nothing is lost.
     */
    @SuppressWarnings("unchecked")
    private static void retryFresh(Map<String, Object> data) {
        var previous = new java.util.ArrayList<Object>((java.util.List<Object>) data.getOrDefault("previousAttempts",
                java.util.List.of()));
        int retries = ((Number) data.getOrDefault("retries", 0)).intValue() + 1;
        var attempt = new LinkedHashMap<>(data);
        attempt.remove("previousAttempts");
        attempt.remove("retries");
        previous.add(attempt);
        data.clear();
        data.put("retries", retries);
        data.put("previousAttempts", previous);
    }

    /** The id the step's provider knows its current attempt by, kept on the row for a webhook to find the step. */
    private static String providerReference(ActionHandler<?> type, Map<String, Object> data) {
        String key = type.providerReferenceKey();
        return key != null && data.get(key) instanceof String reference ? reference : null;
    }

    private static StepRef ref(InstanceEntity instance, InstanceStepEntity step) {
        return new StepRef(step.id(), instance.id(), instance.matterId(), instance.orgId(), step.roleScope(),
                step.assignedToId());
    }

    private static void checkReason(Command command) {
        boolean needsReason = command.event() == ActionEvent.FAIL || command.event() == ActionEvent.BLOCK;
        String reason = command.reason();
        if (needsReason && (reason == null || reason.isBlank())) {
            throw ValidationException.of("Invalid request", "reason", "must not be blank");
        }
        if (reason != null && reason.length() > MAX_REASON) {
            throw ValidationException.of("Invalid request", "reason", "must be at most " + MAX_REASON + " characters");
        }
    }

    /** An optimistic-lock failure or a duplicate audit sequence: another transaction changed the same rows first. */
    public static boolean isLostRace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockingFailureException || t instanceof OptimisticLockException
                    || t instanceof StaleStateException || t instanceof DataIntegrityViolationException
                    || t instanceof org.hibernate.exception.ConstraintViolationException) {
                return true;
            }
        }
        return false;
    }
}
