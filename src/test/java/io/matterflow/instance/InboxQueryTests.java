package io.matterflow.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;

import io.matterflow.action.ActionState;
import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.instance.internal.InstanceEntity;
import io.matterflow.instance.internal.InstanceStepEntity;
import io.matterflow.instance.internal.InstanceStepRepository;

/**
 * The inbox query ({@link InstanceStepRepository#findInbox}) against a database of its own, schema from the
 * entities, without the rest of the application: which open steps of ACTIVE instances a person may act on, by
 * assignment and by the scope of the matters they are on, oldest change first, with a count that agrees.
 */
@DataJpaTest(properties = {"spring.flyway.enabled=false", "spring.jpa.hibernate.ddl-auto=create-drop"})
class InboxQueryTests {

    private static final List<UUID> NONE = List.of(new UUID(0, 0));

    @Autowired
    InstanceStepRepository steps;
    @Autowired
    TestEntityManager entities;

    private final UUID org = UUID.randomUUID();
    private final UUID user = UUID.randomUUID();
    private final UUID someoneElse = UUID.randomUUID();
    /** A matter the user is a lawyer on, and one they are not on. */
    private final UUID lawyerMatter = UUID.randomUUID();
    private final UUID otherMatter = UUID.randomUUID();
    private Instant now = Instant.parse("2026-11-30T09:00:00Z");

    private UUID active;
    private UUID paused;
    private UUID elsewhere;

    @BeforeEach
    void instances() {
        active = instance(lawyerMatter, WorkflowStatus.ACTIVE, org);
        paused = instance(lawyerMatter, WorkflowStatus.PAUSED, org);
        elsewhere = instance(otherMatter, WorkflowStatus.ACTIVE, org);
    }

    @Test
    void shouldListTheUsersOwnStepsAndTheFreeStepsOfTheirScopeOnTheirMatters() {
        UUID free = step(active, RoleScope.LAWYER, ActionState.READY, null);
        UUID mineElsewhere = step(elsewhere, RoleScope.PARALEGAL, ActionState.IN_PROGRESS, user);
        UUID blocked = step(active, RoleScope.LAWYER, ActionState.BLOCKED, user);
        step(active, RoleScope.LAWYER, ActionState.READY, someoneElse);
        step(active, RoleScope.LAWYER, ActionState.PENDING, null);
        step(active, RoleScope.LAWYER, ActionState.COMPLETED, user);
        step(active, RoleScope.PARALEGAL, ActionState.READY, null);
        step(active, RoleScope.CLIENT, ActionState.READY, null);
        step(active, RoleScope.ADMIN, ActionState.READY, null);
        step(paused, RoleScope.LAWYER, ActionState.READY, null);
        step(paused, RoleScope.LAWYER, ActionState.IN_PROGRESS, user);
        step(elsewhere, RoleScope.LAWYER, ActionState.READY, null);
        step(instance(lawyerMatter, WorkflowStatus.ACTIVE, UUID.randomUUID()), RoleScope.LAWYER, ActionState.READY,
                null);

        Page<InstanceStepEntity> inbox = inbox(false, List.of(lawyerMatter), false);

        assertThat(ids(inbox)).containsExactly(free, mineElsewhere, blocked);
        assertThat(inbox.getTotalElements()).isEqualTo(3);
        assertThat(inbox.getContent()).allSatisfy(step -> assertThat(step.matterId())
                .isEqualTo(entities.find(InstanceEntity.class, step.instanceId()).matterId()));
    }

    @Test
    void shouldFollowTheInstancesStatusOnItsSteps() {
        UUID free = step(active, RoleScope.LAWYER, ActionState.READY, null);
        UUID mine = step(active, RoleScope.LAWYER, ActionState.IN_PROGRESS, user);
        InstanceEntity instance = entities.find(InstanceEntity.class, active);
        List<InstanceStepEntity> itsSteps = List.of(entities.find(InstanceStepEntity.class, free),
                entities.find(InstanceStepEntity.class, mine));

        instance.status(WorkflowStatus.PAUSED, itsSteps, now);
        entities.flush();
        assertThat(ids(inbox(false, List.of(lawyerMatter), false))).isEmpty();

        instance.status(WorkflowStatus.ACTIVE, itsSteps, now);
        entities.flush();
        assertThat(ids(inbox(false, List.of(lawyerMatter), false))).containsExactly(free, mine);
    }

    @Test
    void shouldListOnlyTheAssignedStepsWhenAsked() {
        step(active, RoleScope.LAWYER, ActionState.READY, null);
        UUID mine = step(active, RoleScope.LAWYER, ActionState.IN_PROGRESS, user);

        assertThat(ids(inbox(true, List.of(lawyerMatter), true))).containsExactly(mine);
    }

    @Test
    void shouldGiveTheFreeAdminStepsOfEveryMatterToAnAdminOnly() {
        UUID adminStep = step(elsewhere, RoleScope.ADMIN, ActionState.READY, null);

        assertThat(ids(inbox(false, NONE, true))).containsExactly(adminStep);
        assertThat(ids(inbox(false, NONE, false))).isEmpty();
    }

    @Test
    void shouldPageInTheOrderOfTheLastChangeWithTheTotalOfAllPages() {
        UUID first = step(active, RoleScope.LAWYER, ActionState.READY, null);
        UUID second = step(active, RoleScope.LAWYER, ActionState.READY, null);
        UUID third = step(active, RoleScope.LAWYER, ActionState.READY, null);

        Page<InstanceStepEntity> firstPage = inbox(false, List.of(lawyerMatter), false, PageRequest.of(0, 2));
        Page<InstanceStepEntity> secondPage = inbox(false, List.of(lawyerMatter), false, PageRequest.of(1, 2));

        assertThat(ids(firstPage)).containsExactly(first, second);
        assertThat(ids(secondPage)).containsExactly(third);
        assertThat(firstPage.getTotalElements()).isEqualTo(3);
        assertThat(secondPage.getTotalElements()).isEqualTo(3);
    }

    private Page<InstanceStepEntity> inbox(boolean onlyAssigned, Collection<UUID> lawyerMatters, boolean admin) {
        return inbox(onlyAssigned, lawyerMatters, admin, PageRequest.of(0, 20));
    }

    /** As {@link Inbox} asks it: the default states, no paralegal or client matters, any due date, oldest change first. */
    private Page<InstanceStepEntity> inbox(boolean onlyAssigned, Collection<UUID> lawyerMatters, boolean admin,
                                 PageRequest page) {
        List<String> states = Inbox.DEFAULT_STATES.stream().map(Enum::name).toList();
        List<Object[]> rows = steps.findInbox(org, user, states, onlyAssigned ? 1 : 0, lawyerMatters, NONE, NONE,
                admin ? 1 : 0, 0, Instant.EPOCH, Instant.EPOCH, 0, page.getPageSize(), page.getOffset());
        long count = steps.countInbox(org, user, states, onlyAssigned ? 1 : 0, lawyerMatters, NONE, NONE,
                admin ? 1 : 0, 0, Instant.EPOCH, Instant.EPOCH);
        assertThat(rows).as("every row carries the total of all pages")
                .allSatisfy(row -> assertThat(((Number) row[1]).longValue()).isEqualTo(count));
        return new PageImpl<>(rows.stream().map(row -> entities.find(InstanceStepEntity.class, UUID.fromString((String) row[0])))
                .toList(), page, count);
    }

    private static List<UUID> ids(Page<InstanceStepEntity> page) {
        return page.getContent().stream().map(InstanceStepEntity::id).toList();
    }

    private UUID instance(UUID matter, WorkflowStatus status, UUID orgId) {
        UUID id = UUID.randomUUID();
        entities.persist(new InstanceEntity(id, orgId, UUID.randomUUID(), 1, matter, "Intake", status,
                UUID.randomUUID(), now));
        return id;
    }

    /** A step changed a minute after the one before it. */
    private UUID step(UUID instance, RoleScope scope, ActionState state, UUID assignee) {
        now = now.plusSeconds(60);
        InstanceEntity owner = entities.find(InstanceEntity.class, instance);
        UUID id = UUID.randomUUID();
        InstanceStepEntity step = new InstanceStepEntity(id, owner, null, 0, "Step",
                ActionType.CHECKLIST, scope, true, scope == RoleScope.CLIENT, Map.of(), now);
        step.moveTo(state, Map.of(), now);
        if (assignee != null) {
            step.assign(assignee);
        }
        entities.persistAndFlush(step);
        return id;
    }
}
