package io.matterflow.instance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import io.matterflow.action.ActionState;
import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.condition.Condition;
import io.matterflow.condition.ConditionFacts;
import io.matterflow.condition.Verdict;
import io.matterflow.template.TemplateStep;
import io.swagger.v3.oas.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * What migrating one instance to another published version of its template does to its steps, and what stops it: a
 * pure function of the version's steps and the instance's ({@link #of}).
 * <p>
 * The version's steps are matched to the instance's by the template step each instance step was copied from, then,
 * among those left, by title and action type (a version whose draft was rewritten has new template step ids). A
 * matched step is KEPT with its state and takes the version's definition; a version step with no match is ADDED
 * (PENDING); an instance step of the old version with no match is REMOVED unless it is done (KEPT_FINISHED: it stays
 * as the record); a step added to the instance by hand stays (BY_HAND). Steps that stay without a match keep their
 * place after the instance step that came before them. New states are what {@link Readiness} makes of the planned
 * list.
 */
@Schema(description = "What migrating one instance does to its steps, and what stops it")
public record MigrationPlan(
        @Schema(description = "The steps after the migration in order, then the removed ones") List<PlannedStep> steps,
        @Schema(description = "Why the instance cannot be migrated; empty: it can") List<Blocker> blockers,
        @Schema(description = "Whether the instance completes once migrated (no required work left)")
        boolean completes) {

    public enum Change { KEPT, ADDED, REMOVED, KEPT_FINISHED, BY_HAND }

    /** Why an instance cannot be migrated. */
    public enum BlockerKind {
        /** A step the version drops is claimed, in progress or blocked. */
        REMOVED_STEP_HELD,
        /** A step whose action type changes has started (or is claimed). */
        STARTED_STEP_RETYPED,
        /** A held step would stand behind a required step that has not finished. */
        READINESS_CONFLICT,
        /** The version's config names a stored document this instance may not use. */
        DOCUMENT_NOT_USABLE
    }

    @Schema(name = "MigrationPlannedStep", description = "One step: what it is now and what it becomes")
    public record PlannedStep(
            Change change,
            @Schema(description = "The instance step; for an ADDED step, the id it gets") UUID stepId,
            @Schema(nullable = true, description = "Its position in the new version; null for steps not in it")
            Integer versionPosition,
            @Schema(description = "The title after the migration (before it, for a removed step)") String title,
            @Schema(nullable = true, description = "The action type before; null for an added step")
            ActionType currentActionType,
            ActionType actionType,
            @Schema(nullable = true, description = "null for an added step") ActionState currentState,
            @Schema(nullable = true, description = "null for a removed step") ActionState newState,
            @Schema(description = "Whether later steps wait for it, after the migration") boolean required) {
    }

    @Schema(name = "MigrationBlocker", description = "Why the instance cannot be migrated")
    public record Blocker(BlockerKind kind, @Schema(nullable = true) UUID stepId,
                          @Schema(nullable = true) String stepTitle, String message) {
    }

    /** An instance step as the plan needs it. */
    record Current(UUID id, UUID templateStepId, String title, ActionType actionType, RoleScope roleScope,
                   boolean required, ActionState state, boolean assigned, Map<String, Object> data) {

        Current(UUID id, UUID templateStepId, String title, ActionType actionType, RoleScope roleScope,
                boolean required, ActionState state, boolean assigned) {
            this(id, templateStepId, title, actionType, roleScope, required, state, assigned, Map.of());
        }

        boolean isHeld() {
            return state.isActive() || (state == ActionState.READY && assigned);
        }

        boolean hasStarted() {
            return !(state == ActionState.PENDING || (state == ActionState.READY && !assigned));
        }
    }

    @JsonIgnore
    public boolean isBlocked() {
        return !blockers.isEmpty();
    }

    /** The plan with more blockers (found outside the pure rules, such as documents). */
    MigrationPlan withBlockers(List<Blocker> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<Blocker> all = new ArrayList<>(blockers);
        all.addAll(more);
        return new MigrationPlan(steps, List.copyOf(all), completes);
    }

    /**
     * Plans the migration of an instance in {@code status} with {@code current} steps (in order) to a version with
     * {@code version} steps (in order); {@code newIds} names the steps it adds.
     */
    static MigrationPlan of(WorkflowStatus status, List<Current> current, List<TemplateStep> version,
                            Supplier<UUID> newIds) {
        return of(status, current, version, newIds, (condition, steps) -> Verdict.TRUE);
    }

    /**
     * Judges a condition of the version, its steps named by the planned steps' ids, against the planned steps
     * ({@code steps} answers a planned step's type, state and data) and the instance's matter.
     */
    @FunctionalInterface
    interface Judging {
        Verdict verdict(Condition condition, Function<UUID, ConditionFacts.StepFact> steps);
    }

    /** As {@link #of(WorkflowStatus, List, List, Supplier)}, judging the version's conditions as the run will. */
    static MigrationPlan of(WorkflowStatus status, List<Current> current, List<TemplateStep> version,
                            Supplier<UUID> newIds, Judging judging) {
        Map<Integer, Current> matchOf = new HashMap<>();
        Set<UUID> matched = new HashSet<>();
        for (int i = 0; i < version.size(); i++) {
            UUID templateStepId = version.get(i).id();
            for (Current c : current) {
                if (templateStepId != null && templateStepId.equals(c.templateStepId()) && matched.add(c.id())) {
                    matchOf.put(i, c);
                    break;
                }
            }
        }
        for (int i = 0; i < version.size(); i++) {
            if (matchOf.containsKey(i)) {
                continue;
            }
            TemplateStep t = version.get(i);
            for (Current c : current) {
                if (c.templateStepId() != null && !matched.contains(c.id()) && c.title().equals(t.title())
                        && c.actionType().equals(t.actionType())) {
                    matched.add(c.id());
                    matchOf.put(i, c);
                    break;
                }
            }
        }
        List<Blocker> blockers = new ArrayList<>();
        // the version's steps in its order, each KEPT or ADDED
        List<Entry> planned = new ArrayList<>();
        Map<UUID, Entry> entryOf = new HashMap<>();
        for (int i = 0; i < version.size(); i++) {
            TemplateStep t = version.get(i);
            Current c = matchOf.get(i);
            if (c == null) {
                planned.add(new Entry(Change.ADDED, newIds.get(), i, t.title(), null, t.actionType(), null,
                        ActionState.PENDING, t.required(), false));
                continue;
            }
            boolean retyped = !c.actionType().equals(t.actionType());
            if (retyped && c.hasStarted()) {
                blockers.add(new Blocker(BlockerKind.STARTED_STEP_RETYPED, c.id(), c.title(), "\u201c" + c.title()
                        + "\u201d is " + describe(c) + " and would become a " + t.actionType().name()
                        + " step; finish it, or migrate once it has ended"));
            }
            // a claimed step whose role changes is released, as an edit of its role does
            boolean assigned = c.assigned() && (c.roleScope() == t.roleScope() || c.state() != ActionState.READY);
            Entry e = new Entry(Change.KEPT, c.id(), i, t.title(), c.actionType(), t.actionType(), c.state(),
                    c.state(), t.required(), assigned);
            planned.add(e);
            entryOf.put(c.id(), e);
        }
        // the instance's steps that stay without a match, after the instance step before them
        List<Entry> removed = new ArrayList<>();
        Entry anchor = null;
        for (Current c : current) {
            if (matched.contains(c.id())) {
                anchor = entryOf.get(c.id());
                continue;
            }
            Change change;
            if (c.templateStepId() == null) {
                change = Change.BY_HAND;
            } else if (c.state().isDone()) {
                change = Change.KEPT_FINISHED;
            } else {
                if (c.isHeld()) {
                    blockers.add(new Blocker(BlockerKind.REMOVED_STEP_HELD, c.id(), c.title(), "\u201c" + c.title()
                            + "\u201d is not in the version the instance would move to and is " + describe(c)
                            + "; finish it, release it, or migrate once it has ended"));
                }
                removed.add(new Entry(Change.REMOVED, c.id(), null, c.title(), c.actionType(), c.actionType(),
                        c.state(), null, c.required(), c.assigned()));
                continue;
            }
            Entry e = new Entry(change, c.id(), null, c.title(), c.actionType(), c.actionType(), c.state(), c.state(),
                    c.required(), c.assigned());
            planned.add(anchor == null ? 0 : planned.indexOf(anchor) + 1, e);
            anchor = e;
        }
        // readiness on the planned list, the version's conditions naming the planned steps by id
        Map<Integer, UUID> idAt = new HashMap<>();
        planned.stream().filter(e -> e.position != null).forEach(e -> idAt.put(e.position, e.id));
        Map<UUID, Condition> conditionOf = new HashMap<>();
        planned.stream().filter(e -> e.position != null && version.get(e.position).condition() != null)
                .forEach(e -> conditionOf.put(e.id, version.get(e.position).condition().withStepIds(idAt::get)));
        Map<UUID, Entry> byId = new HashMap<>();
        planned.forEach(e -> byId.put(e.id, e));
        Map<UUID, Map<String, Object>> dataOf = new HashMap<>();
        current.forEach(c -> dataOf.put(c.id(), c.data()));
        var readiness = Readiness.evaluate(status, planned.stream()
                .map(e -> new Readiness.StepState(e.id, e.required, e.state, e.assigned, conditionOf.containsKey(e.id)))
                .toList(), (stepId, states) -> judging.verdict(conditionOf.get(stepId), id -> {
                    Entry e = byId.get(id);
                    return e == null ? null : new ConditionFacts.StepFact(e.type, states.getOrDefault(id, e.state),
                            dataOf.getOrDefault(id, Map.of()));
                }));
        for (var conflict : readiness.conflicts()) {
            Entry held = byId.get(conflict.stepId());
            Entry waitsFor = byId.get(conflict.waitsFor());
            blockers.add(new Blocker(BlockerKind.READINESS_CONFLICT, held.id, held.title, "\u201c" + held.title
                    + "\u201d is " + (held.state == ActionState.READY ? "claimed" : held.state.name())
                    + " and would come after \u201c" + waitsFor.title + "\u201d, a required step that has not"
                    + " finished"));
        }
        readiness.becomePending().forEach(id -> byId.get(id).state = ActionState.PENDING);
        readiness.conditionSkip().forEach(id -> byId.get(id).state = ActionState.SKIPPED);
        readiness.becomeReady().forEach(id -> byId.get(id).state = ActionState.READY);
        if (readiness.completes()) {
            readiness.autoSkip().forEach(id -> byId.get(id).state = ActionState.SKIPPED);
        }
        List<PlannedStep> steps = new ArrayList<>();
        planned.forEach(e -> steps.add(e.toStep()));
        removed.forEach(e -> steps.add(e.toStep()));
        return new MigrationPlan(List.copyOf(steps), List.copyOf(blockers), readiness.completes());
    }

    private static String describe(Current c) {
        return c.state() == ActionState.READY ? "claimed" : c.state().name();
    }

    private static final class Entry {
        final Change change;
        final UUID id;
        final Integer position;
        final String title;
        final ActionType currentType;
        final ActionType type;
        final ActionState currentState;
        ActionState state;
        final boolean required;
        final boolean assigned;

        Entry(Change change, UUID id, Integer position, String title, ActionType currentType, ActionType type,
              ActionState currentState, ActionState state, boolean required, boolean assigned) {
            this.change = change;
            this.id = id;
            this.position = position;
            this.title = title;
            this.currentType = currentType;
            this.type = type;
            this.currentState = currentState;
            this.state = state;
            this.required = required;
            this.assigned = assigned;
        }

        PlannedStep toStep() {
            return new PlannedStep(change, id, position, title, currentType, type, currentState, state, required);
        }
    }
}
