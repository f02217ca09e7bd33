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
     * The steps the user may act on now, with what the inbox orders them by: assigned to them, or (unless only
     * assigned) unassigned and theirs by scope. One branch per kind, so that each is found through an index of the
     * step rows alone (which keep their instance's matter and status): assigned steps by assignee, unassigned ones by
     * the user's matters for that scope. (One OR of them all would read every open step of the organization.) The
     * branches are disjoint. With {@code dated} = 1, only steps due in [{@code dueFrom}, {@code dueTo}); with 0,
     * every step (a range rather than nullable bounds: PostgreSQL cannot type a null parameter). SQL, not JPQL: the
     * page is chosen from these narrow rows, and only its steps are read whole.
     */
    String INBOX_ROWS = """
            select x.id, x.due_at, x.updated_at from (
                select a.id, a.due_at, a.updated_at from workflow_instance_steps a
                where a.assigned_to_id = :userId and a.instance_status = 'ACTIVE' and a.action_state in (:states)
                and a.org_id = :orgId
                union all
                select l.id, l.due_at, l.updated_at from workflow_instance_steps l
                where :onlyAssigned = 0 and l.matter_id in (:lawyerMatters) and l.role_scope = 'LAWYER'
                and l.instance_status = 'ACTIVE' and l.action_state in (:states) and l.assigned_to_id is null
                and l.org_id = :orgId
                union all
                select p.id, p.due_at, p.updated_at from workflow_instance_steps p
                where :onlyAssigned = 0 and p.matter_id in (:paralegalMatters) and p.role_scope = 'PARALEGAL'
                and p.instance_status = 'ACTIVE' and p.action_state in (:states) and p.assigned_to_id is null
                and p.org_id = :orgId
                union all
                select c.id, c.due_at, c.updated_at from workflow_instance_steps c
                where :onlyAssigned = 0 and c.matter_id in (:clientMatters) and c.role_scope = 'CLIENT'
                and c.instance_status = 'ACTIVE' and c.action_state in (:states) and c.assigned_to_id is null
                and c.org_id = :orgId
                union all
                select d.id, d.due_at, d.updated_at from workflow_instance_steps d
                where :onlyAssigned = 0 and :isAdmin = 1 and d.org_id = :orgId and d.role_scope = 'ADMIN'
                and d.instance_status = 'ACTIVE' and d.action_state in (:states) and d.assigned_to_id is null
            ) x where :dated = 0 or (x.due_at >= :dueFrom and x.due_at < :dueTo)
            """;

    /**
     * A page of the ids of {@link #INBOX_ROWS}: with {@code byDue} = 1 soonest due first (undated last), then oldest
     * change first. Each row is {@code [id as text, total]} (text, which every database hands over alike): the total
     * is the number of such steps on all pages, counted in the same pass (the order needs them all anyway), so there
     * is no second query to count them.
     */
    @Query(nativeQuery = true, value = "select cast(r.id as varchar(36)) as id, count(*) over () as total from ("
            + INBOX_ROWS + ") r"
            + " order by case when :byDue = 1 and r.due_at is null then 1 else 0 end,"
            + " case when :byDue = 1 then r.due_at end, r.updated_at, r.id limit :limit offset :offset")
    List<Object[]> findInbox(UUID orgId, UUID userId, java.util.Collection<String> states, int onlyAssigned,
                             java.util.Collection<UUID> lawyerMatters, java.util.Collection<UUID> paralegalMatters,
                             java.util.Collection<UUID> clientMatters, int isAdmin, int dated,
                             java.time.Instant dueFrom, java.time.Instant dueTo, int byDue, int limit, long offset);

    /** How many steps {@link #findInbox} finds on all pages (asked only for a page past the last). */
    @Query(nativeQuery = true, value = "select count(*) from (" + INBOX_ROWS + ") r")
    long countInbox(UUID orgId, UUID userId, java.util.Collection<String> states, int onlyAssigned,
                    java.util.Collection<UUID> lawyerMatters, java.util.Collection<UUID> paralegalMatters,
                    java.util.Collection<UUID> clientMatters, int isAdmin, int dated, java.time.Instant dueFrom,
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
