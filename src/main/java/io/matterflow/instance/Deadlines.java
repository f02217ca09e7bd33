package io.matterflow.instance;

import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.matterflow.access.StepAccess;
import io.matterflow.access.StepRef;
import io.matterflow.action.ActionState;
import io.matterflow.action.ActionType;
import io.matterflow.calendar.Due;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Directory;
import io.matterflow.directory.MatterDetails;
import io.matterflow.instance.internal.InstanceEntity;
import io.matterflow.instance.internal.InstanceRepository;
import io.matterflow.instance.internal.InstanceStepEntity;
import io.matterflow.instance.internal.InstanceStepRepository;

/**
 * Steps' due dates as other modules read them: a reminder's or escalation's step, whom to remind, a user's open
 * steps for their calendar feed, a matter's next deadline, the overdue count for metrics.
 */
@Service
@Transactional(readOnly = true)
public class Deadlines {

    /** Most steps a calendar feed lists. */
    public static final int FEED_LIMIT = 1000;
    private static final Set<ActionState> DONE = EnumSet.of(ActionState.COMPLETED, ActionState.SKIPPED);

    private final InstanceStepRepository steps;
    private final InstanceRepository instances;
    private final Directory directory;
    private final StepAccess access;
    private final Inbox inbox;

    Deadlines(InstanceStepRepository steps, InstanceRepository instances, Directory directory, StepAccess access,
              Inbox inbox) {
        this.steps = steps;
        this.instances = instances;
        this.directory = directory;
        this.access = access;
        this.inbox = inbox;
    }

    /** The step with its due date, in any organization (a timer names the step only); empty when it is gone. */
    public Optional<DueStep> step(UUID stepId) {
        return steps.findById(stepId).flatMap(step -> instances.findById(step.instanceId())
                .map(instance -> dueStep(step, instance,
                        directory.findMatter(instance.orgId(), instance.matterId()).orElse(null))));
    }

    /**
     * When the step is due, if it has a date: from the step alone, without the step's matter, so that a transition's
     * listener reads nothing more than the transition already has.
     */
    public Optional<Instant> dueAt(UUID stepId) {
        return steps.findById(stepId).map(InstanceStepEntity::due).map(Due::at);
    }

    /** Whom a reminder about the step goes to: its assignee, or else each active eligible performer. */
    public List<UUID> recipients(DueStep step) {
        if (step.assignedToId() != null) {
            return directory.activeAmong(step.orgId(), List.of(step.assignedToId())).stream().toList();
        }
        var ref = new StepRef(step.stepId(), step.instanceId(), step.matterId(), step.orgId(), step.roleScope(), null);
        var eligible = access.resolveEligibleActors(step.instanceId(), ref);
        return directory.activeAmong(step.orgId(), eligible).stream().sorted().toList();
    }

    /** Open steps of ACTIVE instances whose due date is before {@code now}, counted by action type, every organization. */
    public Map<ActionType, Long> overdueByType(Instant now) {
        Map<ActionType, Long> counts = new LinkedHashMap<>();
        for (Object[] row : steps.countOverdueByType(now, DONE, WorkflowStatus.ACTIVE)) {
            counts.put((ActionType) row[0], ((Number) row[1]).longValue());
        }
        return counts;
    }

    /** The user's open inbox steps (assigned to them or theirs to pick up) that have a due date, soonest first. */
    public List<DueStep> openFor(UUID orgId, UUID userId) {
        var user = directory.findUser(userId).filter(u -> u.orgId().equals(orgId) && u.active());
        if (user.isEmpty()) {
            return List.of();
        }
        Actor actor = Actor.user(user.get());
        var items = inbox.of(actor, false, Inbox.DEFAULT_STATES, Inbox.DueFilter.DATED, Inbox.Order.DUE,
                PageRequest.of(0, FEED_LIMIT)).getContent();
        Map<UUID, MatterDetails> matters = directory.mattersById(orgId,
                items.stream().map(InboxItem::matterId).distinct().toList());
        return items.stream().map(item -> {
            MatterDetails matter = matters.get(item.matterId());
            StepDetails s = item.step();
            return new DueStep(s.id(), item.instanceId(), item.matterId(), orgId, s.title(), item.instanceTitle(),
                    s.actionType(), s.roleScope(), s.actionState(), s.assignedToId(), WorkflowStatus.ACTIVE, s.due(),
                    item.matterReference(), item.matterTitle(), matter == null ? null : matter.ownerId());
        }).toList();
    }

    /** The open step of the matter's ACTIVE workflows due soonest, as the actor may see it; empty when none is dated. */
    public Optional<DueStep> nextForMatter(Actor actor, MatterDetails matter) {
        for (Object[] row : steps.findDatedOfMatter(actor.orgId(), matter.id(), WorkflowStatus.ACTIVE, DONE,
                PageRequest.of(0, 50))) {
            var step = (InstanceStepEntity) row[0];
            if (!ClientView.applies(actor) || ClientView.seesContent(step.toDetails())) {
                return Optional.of(dueStep(step, (InstanceEntity) row[1], matter));
            }
        }
        return Optional.empty();
    }

    private static DueStep dueStep(InstanceStepEntity step, InstanceEntity instance, MatterDetails matter) {
        return new DueStep(step.id(), instance.id(), instance.matterId(), instance.orgId(), step.title(),
                instance.title(), step.actionType(), step.roleScope(), step.state(), step.assignedToId(),
                instance.status(), step.due(), matter == null ? null : matter.reference(),
                matter == null ? null : matter.title(), matter == null ? null : matter.ownerId());
    }
}
