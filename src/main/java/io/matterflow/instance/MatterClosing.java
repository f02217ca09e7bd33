package io.matterflow.instance;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.matterflow.access.MatterWorkflows;
import io.matterflow.directory.Actor;
import io.matterflow.instance.internal.InstanceRepository;

/**
 * The matter's side of its workflows, for closing it ({@link io.matterflow.access.Matters#update}): which have not
 * ended, and cancelling them through {@link Instances#update}, the path of every cancellation.
 */
@Component
class MatterClosing implements MatterWorkflows {

    private static final EnumSet<WorkflowStatus> UNFINISHED = EnumSet.of(WorkflowStatus.DRAFT, WorkflowStatus.ACTIVE,
            WorkflowStatus.PAUSED);

    private final InstanceRepository repository;
    private final Instances instances;

    MatterClosing(InstanceRepository repository, Instances instances) {
        this.repository = repository;
        this.instances = instances;
    }

    @Override
    public List<UnfinishedWorkflow> unfinished(UUID orgId, UUID matterId) {
        return repository.findByOrgIdAndMatterIdAndStatusInOrderByCreatedAtAscIdAsc(orgId, matterId, UNFINISHED)
                .stream().map(i -> new UnfinishedWorkflow(i.id(), i.title(), i.status().name())).toList();
    }

    @Override
    public void cancel(Actor actor, List<UUID> instanceIds) {
        for (UUID id : instanceIds) {
            instances.update(actor, id, null, WorkflowStatus.CANCELED, Map.of("cause", "matter.close"));
        }
    }
}
