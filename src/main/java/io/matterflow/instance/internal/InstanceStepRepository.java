package io.matterflow.instance.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.repository.query.Param;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import jakarta.persistence.LockModeType;

import io.matterflow.instance.WorkflowStatus;

public interface InstanceStepRepository extends JpaRepository<InstanceStepEntity, UUID> {

    /** The step's state, its row locked until the transaction ends. */
    @Query(value = "select action_state from workflow_instance_steps where id = :id for update", nativeQuery = true)
    Optional<String> lockState(@Param("id") UUID id);

    Optional<InstanceStepEntity> findByIdAndOrgId(UUID id, UUID orgId);

    /** The step, locked until the transaction ends: uploads to one step count its documents one at a time. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select s from InstanceStepEntity s where s.id = :id and s.orgId = :orgId")
    Optional<InstanceStepEntity> lockByIdAndOrgId(UUID id, UUID orgId);

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

    /**
     * The ids of the steps the user may act on now: assigned to them, or (unless only assigned) unassigned and theirs
     * by scope. One branch per kind, so that each is found through an index of the step rows alone (which keep their
     * instance's matter and status): assigned steps by assignee, unassigned ones by the user's matters for that scope.
     * (One OR of them all would read every open step of the organization.) The branches are disjoint.
     */
    String INBOX_STEP_IDS = """
            select a.id from InstanceStepEntity a
            where a.assignedToId = :userId and a.instanceStatus = :active and a.state in :states and a.orgId = :orgId
            union all
            select l.id from InstanceStepEntity l
            where :onlyAssigned = 0 and l.matterId in :lawyerMatters and l.roleScope = :lawyer
            and l.instanceStatus = :active and l.state in :states and l.assignedToId is null and l.orgId = :orgId
            union all
            select p.id from InstanceStepEntity p
            where :onlyAssigned = 0 and p.matterId in :paralegalMatters and p.roleScope = :paralegal
            and p.instanceStatus = :active and p.state in :states and p.assignedToId is null and p.orgId = :orgId
            union all
            select c.id from InstanceStepEntity c
            where :onlyAssigned = 0 and c.matterId in :clientMatters and c.roleScope = :client
            and c.instanceStatus = :active and c.state in :states and c.assignedToId is null and c.orgId = :orgId
            union all
            select d.id from InstanceStepEntity d
            where :onlyAssigned = 0 and :isAdmin = 1 and d.orgId = :orgId and d.roleScope = :admin
            and d.instanceStatus = :active and d.state in :states and d.assignedToId is null
            """;

    /**
     * With {@code dated} = 1, only steps due in [{@code dueFrom}, {@code dueTo}); with 0, every step. (A range rather
     * than nullable bounds: PostgreSQL cannot type a null parameter.)
     */
    String INBOX_DUE = " and (:dated = 0 or (s.dueAt >= :dueFrom and s.dueAt < :dueTo))";

    /**
     * A page of the steps the user may act on now ({@link #INBOX_STEP_IDS}): with {@code byDue} = 1 soonest due first
     * (undated last), then oldest change first. Each row is {@code [step, total]}: the number of such steps on all
     * pages, counted in the same pass (the order needs them all anyway), so there is no second query to count them.
     */
    @Query(value = "select s, count(*) over () from InstanceStepEntity s where s.id in (" + INBOX_STEP_IDS + ")"
            + INBOX_DUE + " order by case when :byDue = 1 and s.dueAt is null then 1 else 0 end,"
            + " case when :byDue = 1 then s.dueAt end, s.updatedAt, s.id")
    List<Object[]> findInbox(UUID orgId, UUID userId, java.util.Collection<io.matterflow.action.ActionState> states,
                             int onlyAssigned, java.util.Collection<UUID> lawyerMatters,
                             java.util.Collection<UUID> paralegalMatters, java.util.Collection<UUID> clientMatters,
                             int isAdmin, WorkflowStatus active, io.matterflow.action.RoleScope lawyer,
                             io.matterflow.action.RoleScope paralegal, io.matterflow.action.RoleScope client,
                             io.matterflow.action.RoleScope admin, int dated, java.time.Instant dueFrom,
                             java.time.Instant dueTo, int byDue, Pageable pageable);

    /** How many steps {@link #findInbox} finds on all pages (asked only for a page past the last). */
    @Query("select count(s) from InstanceStepEntity s where s.id in (" + INBOX_STEP_IDS + ")" + INBOX_DUE)
    long countInbox(UUID orgId, UUID userId, java.util.Collection<io.matterflow.action.ActionState> states,
                    int onlyAssigned, java.util.Collection<UUID> lawyerMatters,
                    java.util.Collection<UUID> paralegalMatters, java.util.Collection<UUID> clientMatters,
                    int isAdmin, WorkflowStatus active, io.matterflow.action.RoleScope lawyer,
                    io.matterflow.action.RoleScope paralegal, io.matterflow.action.RoleScope client,
                    io.matterflow.action.RoleScope admin, int dated, java.time.Instant dueFrom,
                    java.time.Instant dueTo);

    /** Open steps of ACTIVE instances due before {@code now}, counted by action type: {@code [type, count]}. */
    @Query("""
            select s.actionType, count(s) from InstanceStepEntity s join InstanceEntity i on i.id = s.instanceId
            where s.dueAt < :now and s.state not in :done and i.status = :active group by s.actionType""")
    List<Object[]> countOverdueByType(java.time.Instant now, java.util.Collection<io.matterflow.action.ActionState> done,
                                      WorkflowStatus active);

    /** The open step of the matter's ACTIVE instances due soonest, with its instance: {@code [step, instance]}. */
    @Query("""
            select s, i from InstanceStepEntity s join InstanceEntity i on i.id = s.instanceId
            where i.orgId = :orgId and i.matterId = :matterId and i.status = :active and s.dueAt is not null
            and s.state not in :done order by s.dueAt, s.id""")
    List<Object[]> findDatedOfMatter(UUID orgId, UUID matterId, WorkflowStatus active,
                                     java.util.Collection<io.matterflow.action.ActionState> done, Pageable pageable);

    /** The organization's instances in these statuses that have a step with a due rule that is not done. */
    @Query("""
            select distinct s.instanceId from InstanceStepEntity s join InstanceEntity i on i.id = s.instanceId
            where s.orgId = :orgId and s.dueRule is not null and s.state not in :done and i.status in :statuses""")
    List<UUID> findInstancesWithDueRules(UUID orgId, java.util.Collection<io.matterflow.action.ActionState> done,
                                         java.util.Collection<WorkflowStatus> statuses);

    @Query("select s from InstanceStepEntity s where s.instanceId in :instanceIds order by s.instanceId, s.order, s.id")
    List<InstanceStepEntity> findSteps(List<UUID> instanceIds);
}
