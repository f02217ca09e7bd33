package io.matterflow.access;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.matterflow.action.ActionEvent;
import io.matterflow.action.RoleScope;
import io.matterflow.common.ConflictException;
import io.matterflow.common.ForbiddenException;
import io.matterflow.common.NotFoundException;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Directory;
import io.matterflow.directory.MatterDetails;
import io.matterflow.directory.MatterMembersChanged;
import io.matterflow.directory.Role;

/**
 * Eligibility and the step permission table.
 * <ul>
 * <li>{@link #resolveEligibleActors}: ADMIN → the organization's admins; LAWYER → the matter's owner and its
 * lawyers; PARALEGAL → its paralegals; CLIENT → its client (and client members); active people only. Cached per matter: every
 * instance of a matter has the same people, and nothing cached depends on a step's assignee (each check reads the
 * assignee from the step as the transaction loaded it), so claims and starts leave the cache alone and only a
 * change of the matter's people drops its entry.</li>
 * <li>{@link #canSee}: the firm's admins and the matter's people; to anyone else a step is not found (404).</li>
 * <li>{@link #canPerform}: eligible, and the step is unassigned or assigned to the caller.</li>
 * <li>{@link #checkRole} (before the state machine, 403) and {@link #checkAssignment} (after it, 403 or 409)
 * apply who-may-do-what for every event.</li>
 * </ul>
 */
@Service
public class StepAccess {

    /** {@code readers}: the matter's owner, client and members, who with the firm's admins may see its steps. */
    private record Eligibility(UUID ownerId, UUID clientId, Map<RoleScope, Set<UUID>> byScope, Set<UUID> readers) {
    }

    private final Directory directory;
    private final Cache<UUID, Eligibility> cache;

    StepAccess(Directory directory, AccessProperties properties) {
        this.directory = directory;
        this.cache = Caffeine.newBuilder()
                .maximumSize(properties.cacheSize())
                .expireAfterWrite(properties.cacheTtl())
                .build();
    }

    /** The users who may perform a step with this role scope on this instance. */
    public Set<UUID> resolveEligibleActors(UUID instanceId, StepRef step) {
        return eligibility(step).byScope().getOrDefault(step.roleScope(), Set.of());
    }

    /** The client of the step's matter (a matter's client never changes), or null; from the cache. */
    public UUID matterClientId(StepRef step) {
        return eligibility(step).clientId();
    }

    public boolean isEligible(StepRef step, Actor actor) {
        return actor.isUser() && actor.orgId().equals(step.orgId())
                && resolveEligibleActors(step.instanceId(), step).contains(actor.userId());
    }

    /**
     * Whether the actor may see the step at all: as {@link MatterAccess#canRead} decides for its matter (the firm's
     * admins and the matter's people), from the cache. Providers and the engine act on the steps their caller found.
     */
    public boolean canSee(StepRef step, Actor actor) {
        if (!actor.orgId().equals(step.orgId())) {
            return false;
        }
        return !actor.isUser() || actor.role() == Role.ADMIN || eligibility(step).readers().contains(actor.userId());
    }

    /**
     * A step the actor may not see is not found (404), as if it did not exist: checked before anything else about
     * it, so that no 403 or 409 tells a lawyer of the firm that a matter they are not on has this step.
     */
    public void requireVisible(StepRef step, Actor actor) {
        if (!canSee(step, actor)) {
            throw new NotFoundException("Step", step.stepId());
        }
    }

    /** The one performer check: eligible, and the step is free or already the caller's. */
    public boolean canPerform(StepRef step, Actor actor) {
        return isEligible(step, actor) && (step.assignedToId() == null || step.assignedToId().equals(actor.userId()));
    }

    /** Admins, the matter's owner and its lawyers: who may give a step to someone. */
    public boolean canAssign(StepRef step, Actor actor) {
        return canSupervise(step, actor) || (actor.isUser() && actor.orgId().equals(step.orgId())
                && eligibility(step).byScope().getOrDefault(RoleScope.LAWYER, Set.of()).contains(actor.userId()));
    }

    /** Admins and the matter's owner. */
    public boolean canSupervise(StepRef step, Actor actor) {
        return actor.isUser() && actor.orgId().equals(step.orgId())
                && (actor.role() == Role.ADMIN || eligibility(step).ownerId().equals(actor.userId()));
    }

    private boolean isAssignee(StepRef step, Actor actor) {
        return actor.isUser() && actor.userId().equals(step.assignedToId());
    }

    /** Whether the actor may raise the event on steps like this at all, whatever the step's state: else 403. */
    public void checkRole(StepRef step, Actor actor, ActionEvent event) {
        boolean allowed = switch (event) {
            case READY, AUTO_SKIP, WITHDRAW -> actor.kind() == Actor.Kind.SYSTEM;
            case RELEASE -> actor.kind() == Actor.Kind.SYSTEM || actor.isAdmin();
            case CLAIM, START -> isEligible(step, actor);
            case COMPLETE -> actor.kind() == Actor.Kind.PROVIDER || isEligible(step, actor) || isAssignee(step, actor);
            case FAIL -> actor.kind() == Actor.Kind.PROVIDER || isEligible(step, actor) || isAssignee(step, actor)
                    || canSupervise(step, actor);
            case UNCLAIM, BLOCK, UNBLOCK -> isEligible(step, actor) || isAssignee(step, actor) || canSupervise(step, actor);
            case SKIP -> actor.isAdmin();
            case RETRY -> canSupervise(step, actor);
            case ASSIGN -> canAssign(step, actor);
        };
        if (!allowed) {
            throw new ForbiddenException(describe(event, step));
        }
    }

    /**
     * Checks the assignment once the state allows the event: claiming a claimed step, or starting one claimed by
     * someone else, lost a race (409); acting on another person's step is not permitted (403).
     */
    public void checkAssignment(StepRef step, Actor actor, ActionEvent event) {
        UUID assignee = step.assignedToId();
        switch (event) {
            case CLAIM -> {
                if (assignee != null) {
                    throw new ConflictException("Already claimed", assignee.equals(actor.userId())
                            ? "you have already claimed this step" : "this step is already claimed by someone else");
                }
            }
            case START -> {
                if (assignee != null && !assignee.equals(actor.userId())) {
                    throw new ConflictException("Already claimed", "this step is claimed by someone else");
                }
            }
            case UNCLAIM -> {
                if (assignee == null) {
                    throw new ConflictException("Not claimed", "this step is not claimed");
                }
                requireAssigneeOrSupervisor(step, actor, event);
            }
            case COMPLETE -> {
                if (actor.kind() != Actor.Kind.PROVIDER && !canPerform(step, actor)) {
                    throw new ForbiddenException("only the step's assignee may complete it");
                }
            }
            case FAIL -> {
                if (actor.kind() != Actor.Kind.PROVIDER) {
                    requireAssigneeOrSupervisor(step, actor, event);
                }
            }
            case BLOCK, UNBLOCK -> requireAssigneeOrSupervisor(step, actor, event);
            default -> {
            }
        }
    }

    private void requireAssigneeOrSupervisor(StepRef step, Actor actor, ActionEvent event) {
        if (!isAssignee(step, actor) && !canSupervise(step, actor)) {
            throw new ForbiddenException("only the step's assignee, the matter's owner or an admin may "
                    + event.route() + " it");
        }
    }

    public void invalidateMatter(UUID matterId) {
        cache.invalidate(matterId);
    }

    /**
     * Drops every cached entry, now and once the current transaction commits: a person's role or active state
     * changed, which can change who may act on any matter of the firm (admins act on all of them). Such changes are
     * rare; reloading is cheap.
     */
    public void invalidateAll() {
        cache.invalidateAll();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    cache.invalidateAll();
                }
            });
        }
    }

    /**
     * Drops the matter's entries at once and again once the change commits: another request may have cached the
     * old members in between, while the change was not yet visible to it.
     */
    @EventListener
    void on(MatterMembersChanged event) {
        invalidateMatter(event.matterId());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    invalidateMatter(event.matterId());
                }
            });
        }
    }

    private Eligibility eligibility(StepRef step) {
        return cache.get(step.matterId(), id -> load(step));
    }

    private Eligibility load(StepRef step) {
        MatterDetails matter = directory.matter(step.orgId(), step.matterId());
        Map<RoleScope, Set<UUID>> byScope = new EnumMap<>(RoleScope.class);
        byScope.put(RoleScope.ADMIN, Set.copyOf(directory.userIdsWithRole(step.orgId(), Role.ADMIN)));
        Set<UUID> lawyers = new HashSet<>();
        lawyers.add(matter.ownerId());
        Set<UUID> paralegals = new HashSet<>();
        Set<UUID> clients = new HashSet<>();
        if (matter.clientId() != null) {
            clients.add(matter.clientId());
        }
        Set<UUID> readers = new HashSet<>(clients);
        readers.add(matter.ownerId());
        for (MatterDetails.Member member : matter.members()) {
            readers.add(member.userId());
            switch (member.role()) {
                case LAWYER -> lawyers.add(member.userId());
                case PARALEGAL -> paralegals.add(member.userId());
                case CLIENT -> clients.add(member.userId());
                case ADMIN -> {
                }
            }
        }
        // deactivated people perform nothing: one query for the matter's people (admins come active already)
        Set<UUID> people = new HashSet<>(lawyers);
        people.addAll(paralegals);
        people.addAll(clients);
        Set<UUID> active = directory.activeAmong(step.orgId(), people);
        lawyers.retainAll(active);
        paralegals.retainAll(active);
        clients.retainAll(active);
        byScope.put(RoleScope.LAWYER, Set.copyOf(lawyers));
        byScope.put(RoleScope.PARALEGAL, Set.copyOf(paralegals));
        byScope.put(RoleScope.CLIENT, Set.copyOf(clients));
        return new Eligibility(matter.ownerId(), matter.clientId(), byScope, Set.copyOf(readers));
    }

    private static String describe(ActionEvent event, StepRef step) {
        return switch (event) {
            case SKIP -> "only an admin may skip a step";
            case RETRY -> "only the matter's owner or an admin may retry a step";
            case ASSIGN -> "only an admin, the matter's owner or its lawyers may assign a step";
            case READY, AUTO_SKIP -> "only the engine may " + event.route() + " a step";
            default -> "you are not eligible to " + event.route() + " this " + step.roleScope() + " step";
        };
    }
}
