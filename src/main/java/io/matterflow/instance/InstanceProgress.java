package io.matterflow.instance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.matterflow.action.ActionEvent;
import io.matterflow.action.ActionState;
import io.matterflow.audit.AuditLog;
import io.matterflow.audit.AuditRecord;
import io.matterflow.common.ConflictException;
import io.matterflow.common.Json;
import io.matterflow.directory.Actor;
import io.matterflow.instance.internal.InstanceEntity;
import io.matterflow.instance.internal.InstanceStepEntity;
import jakarta.persistence.EntityManager;

/**
 * What every change to an instance's steps does in its transaction: the audit event for each step that moved,
 * the domain events, metrics once committed, and the re-evaluation of readiness and completion (whose
 * transitions are observed like the runtime's), keeping the rule that nothing behind an unfinished required step
 * is READY or held ({@link Readiness}), and the due dates that count from what moved ({@link DueDates}).
 */
@Component
class InstanceProgress {

    static final String AUTO_SKIP_REASON = "instance completed";
    static final String WITHDRAW_REASON = "a required step before it has not finished";
    static final String CONDITION_REASON = "its condition is not met: ";

    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final StepMetrics metrics;
    private final StepObservations observations;
    private final EntityManager entityManager;
    private final DueDates dueDates;
    private final StepConditions conditions;
    private final ProviderSessions sessions;

    InstanceProgress(AuditLog audit, ApplicationEventPublisher events, StepMetrics metrics,
                     StepObservations observations, EntityManager entityManager, DueDates dueDates,
                     StepConditions conditions, ProviderSessions sessions) {
        this.sessions = sessions;
        this.dueDates = dueDates;
        this.conditions = conditions;
        this.audit = audit;
        this.events = events;
        this.metrics = metrics;
        this.observations = observations;
        this.entityManager = entityManager;
    }

    /** Records one step event: audit, {@link StepTransitioned}, and metrics after commit; answers the audit event's id. */
    UUID recorded(InstanceEntity instance, InstanceStepEntity step, ActionEvent event, ActionState from, Actor actor,
                  Map<String, ?> metadata) {
        Map<String, Object> meta = new LinkedHashMap<>(metadata);
        meta.putIfAbsent("actionType", step.actionType().name());
        meta.putIfAbsent("title", step.title());
        if (step.assignedToId() != null) {
            meta.putIfAbsent("assignedToId", step.assignedToId().toString());
        }
        var recorded = audit.append(new AuditRecord(instance.orgId(), instance.id(), actor, "step." + event.route(),
                "STEP", step.id(), from.name(), step.state().name(), meta));
        events.publishEvent(new StepTransitioned(step.id(), instance.id(), instance.orgId(), step.actionType(), event,
                from, step.state(), actor.auditId()));
        if (step.state() == ActionState.READY && from != ActionState.READY) {
            events.publishEvent(new StepBecameReady(step.id(), instance.id(), instance.matterId(), instance.orgId(),
                    step.actionType(), step.roleScope(), step.assignedToId(), step.title(), instance.title(),
                    recorded.id()));
        }
        if (event == ActionEvent.RELEASE) {
            events.publishEvent(new StepReleased(step.id(), instance.id(), instance.matterId(), instance.orgId(),
                    step.state(), step.title(), instance.title(), recorded.id()));
        }
        if (event == ActionEvent.ASSIGN && step.assignedToId() != null) {
            events.publishEvent(new StepAssigned(step.id(), instance.id(), instance.matterId(), instance.orgId(),
                    step.actionType(), step.roleScope(), step.assignedToId(), step.title(), instance.title(),
                    recorded.id()));
        }
        Duration cycle = step.state() == ActionState.COMPLETED && step.startedAt() != null && step.completedAt() != null
                ? Duration.between(step.startedAt(), step.completedAt()) : null;
        Duration late = step.state() == ActionState.COMPLETED && from != ActionState.COMPLETED && step.dueAt() != null
                && step.completedAt() != null && step.completedAt().isAfter(step.dueAt())
                ? Duration.between(step.dueAt(), step.completedAt()) : null;
        var moved = new StepMetrics.Moved(step.actionType(), event, from, step.state(), cycle, late);
        afterCommit(() -> metrics.record(moved));
        return recorded.id();
    }

    /**
     * Re-plans readiness after an edit of the instance's steps: as {@link #settle}, but refused with 409 when the
     * edit put a claimed, started or blocked step behind a required step that has not finished.
     */
    void replan(InstanceEntity instance, List<InstanceStepEntity> stepsInOrder, Instant now) {
        var plan = plan(instance, stepsInOrder);
        if (!plan.conflicts().isEmpty()) {
            Map<UUID, InstanceStepEntity> byId = byId(stepsInOrder);
            var conflict = plan.conflicts().get(0);
            var held = byId.get(conflict.stepId());
            var waitsFor = byId.get(conflict.waitsFor());
            String holder = held.state() == ActionState.READY ? "claimed" : held.state().name();
            throw new ConflictException("Step would stand behind an unfinished required step",
                    "\u201c" + held.title() + "\u201d is " + holder + " and cannot come after \u201c" + waitsFor.title()
                            + "\u201d, a required step that has not finished; unclaim it, finish it, or place the "
                            + "required step after it",
                    Map.of("stepId", held.id().toString(), "stepTitle", held.title(), "state", held.state().name(),
                            "waitsForStepId", waitsFor.id().toString(), "waitsForStepTitle", waitsFor.title()));
        }
        apply(instance, stepsInOrder, plan, now);
    }

    /**
     * Makes the steps whose prerequisites are met READY, returns READY steps that stand behind an unfinished required
     * step to PENDING, and completes the instance when its required work is done, auditing each change as the
     * system. Touches the instance so that concurrent changes serialize.
     */
    void settle(InstanceEntity instance, List<InstanceStepEntity> stepsInOrder, Instant now) {
        apply(instance, stepsInOrder, plan(instance, stepsInOrder), now);
    }

    private Readiness.Plan plan(InstanceEntity instance, List<InstanceStepEntity> stepsInOrder) {
        return Readiness.evaluate(instance.status(), stepsInOrder.stream()
                .map(s -> new Readiness.StepState(s.id(), s.required(), s.state(), s.assignedToId() != null,
                        s.condition() != null))
                .toList(), conditions.judge(instance, stepsInOrder));
    }

    private static Map<UUID, InstanceStepEntity> byId(List<InstanceStepEntity> steps) {
        return steps.stream().collect(Collectors.toMap(InstanceStepEntity::id, Function.identity()));
    }

    private void apply(InstanceEntity instance, List<InstanceStepEntity> stepsInOrder, Readiness.Plan plan,
                       Instant now) {
        Map<UUID, InstanceStepEntity> byId = byId(stepsInOrder);
        Actor system = Actor.system(instance.orgId());
        List<StepWithdrawn> withdrawn = new ArrayList<>();
        for (var id : plan.becomePending()) {
            var step = byId.get(id);
            observations.transition(step, ActionEvent.WITHDRAW, () -> {
                step.moveTo(ActionState.PENDING, step.actionData(), now);
                UUID transition = recorded(instance, step, ActionEvent.WITHDRAW, ActionState.READY, system,
                        Map.of("reason", WITHDRAW_REASON));
                withdrawn.add(new StepWithdrawn(step.id(), instance.id(), instance.orgId(), transition));
            });
        }
        if (!withdrawn.isEmpty()) {
            // the steps' rows first: a READY notification being delivered concurrently locks the row to see whether
            // the step is still READY, so it either sees PENDING or is committed before the withdrawal marks it
            entityManager.flush();
            withdrawn.forEach(events::publishEvent);
        }
        for (var id : plan.conditionSkip()) {
            var step = byId.get(id);
            observations.transition(step, ActionEvent.AUTO_SKIP, () -> {
                ActionState from = step.state();
                String reason = CONDITION_REASON + conditions.describe(step, stepsInOrder);
                Map<String, Object> data = new LinkedHashMap<>(step.actionData());
                data.put("skipReason", reason);
                data.put("skippedByCondition", true);
                step.moveTo(ActionState.SKIPPED, data, now);
                recorded(instance, step, ActionEvent.AUTO_SKIP, from, system, Map.of("reason", reason,
                        "condition", Json.toMap(step.condition())));
            });
        }
        for (var id : plan.becomeReady()) {
            var step = byId.get(id);
            observations.transition(step, ActionEvent.READY, () -> {
                step.moveTo(ActionState.READY, step.actionData(), now);
                recorded(instance, step, ActionEvent.READY, ActionState.PENDING, system, Map.of());
            });
        }
        if (plan.completes()) {
            for (var id : plan.autoSkip()) {
                var step = byId.get(id);
                observations.transition(step, ActionEvent.AUTO_SKIP, () -> {
                    ActionState from = step.state();
                    Map<String, Object> data = new LinkedHashMap<>(step.actionData());
                    data.put("skipReason", AUTO_SKIP_REASON);
                    step.moveTo(ActionState.SKIPPED, data, now);
                    recorded(instance, step, ActionEvent.AUTO_SKIP, from, system, Map.of("reason", AUTO_SKIP_REASON));
                });
            }
            sessions.instanceEnded(instance, stepsInOrder, AUTO_SKIP_REASON); // an optional step's failed payment
            WorkflowStatus from = instance.status();
            instance.status(WorkflowStatus.COMPLETED, stepsInOrder, now);
            audit.append(new AuditRecord(instance.orgId(), instance.id(), system, "instance.complete", "INSTANCE",
                    instance.id(), from.name(), WorkflowStatus.COMPLETED.name(), Map.of()));
            events.publishEvent(new InstanceCompleted(instance.id(), instance.matterId(), instance.orgId()));
        }
        dueDates.refresh(instance, stepsInOrder, system, "the workflow moved");
        instance.touch(now);
    }

    static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    static List<InstanceStepEntity> sorted(List<InstanceStepEntity> steps) {
        List<InstanceStepEntity> copy = new ArrayList<>(steps);
        copy.sort(java.util.Comparator.comparingInt(InstanceStepEntity::order));
        return copy;
    }
}
