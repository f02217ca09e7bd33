package io.matterflow.instance.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import io.matterflow.instance.WorkflowStatus;

public interface InstanceRepository extends JpaRepository<InstanceEntity, UUID> {

    Optional<InstanceEntity> findByIdAndOrgId(UUID id, UUID orgId);

    /** The open steps assigned to the user (READY, IN_PROGRESS, BLOCKED) on instances that are ACTIVE or PAUSED. */
    @Query("""
            select s.id from InstanceStepEntity s join InstanceEntity i on i.id = s.instanceId
            where s.orgId = :orgId and s.assignedToId = :userId and s.state in :states and i.status in :statuses
            order by i.createdAt, s.order""")
    List<UUID> findOpenStepIdsAssignedTo(UUID orgId, UUID userId, java.util.Collection<io.matterflow.action.ActionState> states,
                                         java.util.Collection<WorkflowStatus> statuses);

    Page<InstanceEntity> findByOrgIdAndMatterIdOrderByCreatedAtDesc(UUID orgId, UUID matterId, Pageable pageable);

    /** The matter's instances in these statuses, oldest first (by the index on matter and status). */
    List<InstanceEntity> findByOrgIdAndMatterIdAndStatusInOrderByCreatedAtAscIdAsc(
            UUID orgId, UUID matterId, java.util.Collection<WorkflowStatus> statuses);
}
