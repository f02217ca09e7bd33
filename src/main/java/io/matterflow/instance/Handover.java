package io.matterflow.instance;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.matterflow.action.ActionState;
import io.matterflow.common.FieldError;
import io.matterflow.common.ForbiddenException;
import io.matterflow.common.NotFoundException;
import io.matterflow.common.UnprocessableException;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Directory;
import io.matterflow.directory.UserDeactivated;
import io.matterflow.instance.internal.InstanceRepository;

/**
 * Moves every open step of one person to another in one transaction: the admin's action for a leaver or a long
 * absence. Each step goes through {@link StepRuntime}'s assign, so it is checked, audited and notified like a single
 * assignment; when the new person may not perform some of them, nothing moves and the answer names those steps.
 */
@Service
public class Handover {

    private static final EnumSet<ActionState> OPEN = EnumSet.of(ActionState.READY, ActionState.IN_PROGRESS,
            ActionState.BLOCKED);
    private static final EnumSet<WorkflowStatus> RUNNING = EnumSet.of(WorkflowStatus.ACTIVE, WorkflowStatus.PAUSED);

    private final InstanceRepository instances;
    private final StepRuntime runtime;
    private final Directory directory;
    private final TransactionTemplate transactions;

    Handover(InstanceRepository instances, StepRuntime runtime, Directory directory,
             PlatformTransactionManager transactionManager) {
        this.instances = instances;
        this.runtime = runtime;
        this.directory = directory;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** What moved: the steps, now the new person's. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "HandoverResult")
    public record Result(UUID fromUserId, UUID toUserId, List<StepDetails> moved) {
    }

    public Result handOver(Actor actor, UUID fromUserId, UUID toUserId) {
        if (!actor.isAdmin()) {
            throw new ForbiddenException("only an admin may hand over someone's steps");
        }
        requireUser(actor, fromUserId, "fromUserId");
        requireUser(actor, toUserId, "toUserId");
        if (fromUserId.equals(toUserId)) {
            throw UnprocessableException.of("Invalid handover", "toUserId", "must be another person than fromUserId");
        }
        return transactions.execute(status -> {
            List<UUID> open = instances.findOpenStepIdsAssignedTo(actor.orgId(), fromUserId, OPEN, RUNNING);
            List<StepDetails> moved = new ArrayList<>();
            List<FieldError> refused = new ArrayList<>();
            for (UUID stepId : open) {
                try {
                    moved.add(runtime.executeInCurrentTransaction(actor, StepRuntime.Command.assign(stepId, toUserId)));
                } catch (UnprocessableException notEligible) {
                    refused.add(new FieldError("toUserId", "may not perform step " + stepId));
                }
            }
            if (!refused.isEmpty()) {
                status.setRollbackOnly();
                throw new UnprocessableException("Not eligible for every step", refused);
            }
            return new Result(fromUserId, toUserId, moved);
        });
    }

    /**
     * In the deactivation's transaction: every open step the person held is released, by the admin who deactivated
     * them; READY steps go back to the pool, started ones wait for the matter's owner to give them to someone.
     */
    @EventListener
    void on(UserDeactivated event) {
        Actor admin = directory.findUser(event.byUserId()).map(Actor::user)
                .orElseGet(() -> Actor.system(event.orgId()));
        for (UUID stepId : instances.findOpenStepIdsAssignedTo(event.orgId(), event.userId(), OPEN, RUNNING)) {
            runtime.releaseInCurrentTransaction(admin, stepId);
        }
    }

    private void requireUser(Actor actor, UUID userId, String field) {
        if (userId == null) {
            throw UnprocessableException.of("Invalid handover", field, "must not be null");
        }
        directory.findUser(userId).filter(u -> u.orgId().equals(actor.orgId()))
                .orElseThrow(() -> new NotFoundException("User", userId));
    }

}
