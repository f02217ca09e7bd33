package io.matterflow.instance;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface InstanceRepository extends JpaRepository<InstanceEntity, UUID> {

    Optional<InstanceEntity> findByIdAndOrgId(UUID id, UUID orgId);

    Page<InstanceEntity> findByOrgIdAndMatterIdOrderByCreatedAtDesc(UUID orgId, UUID matterId, Pageable pageable);
}

interface InstanceStepRepository extends JpaRepository<InstanceStepEntity, UUID> {

    Optional<InstanceStepEntity> findByIdAndOrgId(UUID id, UUID orgId);

    /** Every organization's steps: for provider webhooks, whose events name a provider's id and no organization. */
    List<InstanceStepEntity> findByProviderRef(String providerRef);

    @Query("select s from InstanceStepEntity s where s.instanceId = :instanceId order by s.order, s.id")
    List<InstanceStepEntity> findSteps(UUID instanceId);

    /**
     * The instance the step belongs to with all its steps in order, in one round trip: one row per step, each
     * {@code [step, instance]}; empty when the organization has no such step.
     */
    @Query("""
            select s, i from InstanceStepEntity s join InstanceEntity i on i.id = s.instanceId
            where s.instanceId = (select t.instanceId from InstanceStepEntity t where t.id = :stepId and t.orgId = :orgId)
            order by s.order, s.id""")
    List<Object[]> findInstanceWithStepsOf(UUID stepId, UUID orgId);

    /** Steps the user may act on now: assigned to them, or (unless only assigned) unassigned and theirs by scope. */
    @Query(value = """
            select s, i from InstanceStepEntity s, InstanceEntity i
            where i.id = s.instanceId and s.orgId = :orgId and i.status = :active and s.state in :states
            and (s.assignedToId = :userId or (:onlyAssigned = 0 and s.assignedToId is null and (
                (s.roleScope = :lawyer and i.matterId in :lawyerMatters)
                or (s.roleScope = :paralegal and i.matterId in :paralegalMatters)
                or (s.roleScope = :client and i.matterId in :clientMatters)
                or (s.roleScope = :admin and :isAdmin = 1))))
            order by s.updatedAt, s.id
            """, countQuery = """
            select count(s) from InstanceStepEntity s, InstanceEntity i
            where i.id = s.instanceId and s.orgId = :orgId and i.status = :active and s.state in :states
            and (s.assignedToId = :userId or (:onlyAssigned = 0 and s.assignedToId is null and (
                (s.roleScope = :lawyer and i.matterId in :lawyerMatters)
                or (s.roleScope = :paralegal and i.matterId in :paralegalMatters)
                or (s.roleScope = :client and i.matterId in :clientMatters)
                or (s.roleScope = :admin and :isAdmin = 1))))
            """)
    Page<Object[]> findInbox(UUID orgId, UUID userId, java.util.Collection<io.matterflow.action.ActionState> states,
                             int onlyAssigned, java.util.Collection<UUID> lawyerMatters,
                             java.util.Collection<UUID> paralegalMatters, java.util.Collection<UUID> clientMatters,
                             int isAdmin, WorkflowStatus active, io.matterflow.action.RoleScope lawyer,
                             io.matterflow.action.RoleScope paralegal, io.matterflow.action.RoleScope client,
                             io.matterflow.action.RoleScope admin, Pageable pageable);

    @Query("select s from InstanceStepEntity s where s.instanceId in :instanceIds order by s.instanceId, s.order, s.id")
    List<InstanceStepEntity> findSteps(List<UUID> instanceIds);
}
