package io.matterflow.instance;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.matterflow.action.ActionState;
import io.matterflow.action.RoleScope;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Directory;
import io.matterflow.directory.MatterDetails;
import io.matterflow.directory.Role;
import io.matterflow.instance.internal.InstanceEntity;
import io.matterflow.instance.internal.InstanceStepEntity;
import io.matterflow.instance.internal.InstanceStepRepository;

/**
 * A performer's work across matters: steps of ACTIVE instances assigned to them, and (unless only assigned ones are
 * asked for) unassigned steps they are eligible for.
 */
@Service
@Transactional(readOnly = true)
public class Inbox {

    public static final Set<ActionState> DEFAULT_STATES = EnumSet.of(ActionState.READY, ActionState.IN_PROGRESS,
            ActionState.BLOCKED);
    private static final List<UUID> NONE = List.of(new UUID(0, 0));

    private final InstanceStepRepository steps;
    private final Directory directory;

    Inbox(InstanceStepRepository steps, Directory directory) {
        this.steps = steps;
        this.directory = directory;
    }

    public Page<InboxItem> of(Actor actor, boolean onlyAssigned, Set<ActionState> states, Pageable pageable) {
        Map<Role, Set<UUID>> matters = directory.performerMatters(actor.orgId(), actor.userId());
        Page<Object[]> rows = steps.findInbox(actor.orgId(), actor.userId(),
                states == null || states.isEmpty() ? DEFAULT_STATES : states, onlyAssigned ? 1 : 0,
                orNone(matters.get(Role.LAWYER)), orNone(matters.get(Role.PARALEGAL)), orNone(matters.get(Role.CLIENT)),
                actor.role() == Role.ADMIN ? 1 : 0, WorkflowStatus.ACTIVE, RoleScope.LAWYER, RoleScope.PARALEGAL,
                RoleScope.CLIENT, RoleScope.ADMIN, pageable);
        Map<UUID, MatterDetails> byId = directory.mattersById(actor.orgId(),
                rows.stream().map(r -> ((InstanceEntity) r[1]).matterId()).distinct().toList());
        return rows.map(r -> {
            var step = (InstanceStepEntity) r[0];
            var instance = (InstanceEntity) r[1];
            MatterDetails matter = byId.get(instance.matterId());
            return new InboxItem(step.toDetails(), instance.id(), instance.title(), instance.matterId(),
                    matter == null ? null : matter.reference(), matter == null ? null : matter.title());
        });
    }

    private static Collection<UUID> orNone(Set<UUID> ids) {
        return ids == null || ids.isEmpty() ? NONE : ids;
    }
}
