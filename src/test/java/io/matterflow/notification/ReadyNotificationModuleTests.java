package io.matterflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.transaction.support.TransactionTemplate;

import io.matterflow.access.StepAccess;
import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.audit.AuditLog;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Directory;
import io.matterflow.directory.MatterDetails;
import io.matterflow.directory.MatterStatus;
import io.matterflow.directory.Role;
import io.matterflow.instance.Instances;
import io.matterflow.instance.StepBecameReady;

/**
 * The notification module alone ({@code @ApplicationModuleTest}): the other modules' APIs it calls (the instance
 * module, access, the directory, audit) are mocked, and the instance module's event comes from a {@link Scenario}, as
 * the transition would publish it. A READY step tells each eligible performer once, in the transition's
 * transaction, with the step, its workflow and matter and a link to it; a transition that rolls back tells nobody.
 * <p>
 * A database of its own: the directory module's Java migration (9.1) is not part of this context, so Flyway must not
 * meet a schema history that has it, nor leave one without it for the whole application's contexts.
 */
@ApplicationModuleTest
@ActiveProfiles("test")
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:notification-module;MODE=PostgreSQL;"
        + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
class ReadyNotificationModuleTests {

    @MockitoBean
    Instances instances;
    @MockitoBean
    StepAccess access;
    @MockitoBean
    Directory directory;
    @MockitoBean
    AuditLog audit;

    @Autowired
    Notifications notifications;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transactions;

    private UUID org;
    private UUID matter;
    private UUID owner;
    private UUID associate;

    /** The people exist as rows (notifications refer to them); who they are to the step, the mocks say. */
    @BeforeEach
    void firm() {
        org = UUID.randomUUID();
        matter = UUID.randomUUID();
        owner = UUID.randomUUID();
        associate = UUID.randomUUID();
        jdbc.update("insert into organizations (id, name, created_at) values (?, ?, ?)", org, "Firm " + org,
                java.sql.Timestamp.from(Instant.now()));
        for (UUID user : List.of(owner, associate)) {
            jdbc.update("insert into users (id, org_id, email, display_name, role, created_at)"
                    + " values (?, ?, ?, ?, ?, ?)", user, org, user + "@firm.test", "Lawyer", Role.LAWYER.name(),
                    java.sql.Timestamp.from(Instant.now()));
        }
        when(directory.findMatter(org, matter)).thenReturn(Optional.of(new MatterDetails(matter, org, "M-7",
                "Acme v. Widget", owner, null, List.of(), MatterStatus.OPEN, null, Instant.now())));
        when(access.resolveEligibleActors(any(), any())).thenReturn(Set.of(owner, associate));
    }

    @Test
    void shouldTellEachEligiblePerformerOnceInTheTransitionsTransaction(Scenario scenario) {
        StepBecameReady ready = ready("Conflict check");

        scenario.publish(ready)
                .andWaitForStateChange(() -> inbox(owner).size() + inbox(associate).size(), count -> count == 2)
                .andVerify(count -> {
                    for (UUID user : List.of(owner, associate)) {
                        assertThat(inbox(user)).singleElement().satisfies(n -> {
                            assertThat(n.kind()).isEqualTo(ReadyNotifier.KIND);
                            assertThat(n.title()).isEqualTo("Ready: Conflict check");
                            assertThat(n.body()).isEqualTo("Intake for Acme · M-7 Acme v. Widget");
                            assertThat(n.link()).isEqualTo("/matters/" + matter + "/workflows/"
                                    + ready.instanceId() + "#step-" + ready.stepId());
                            assertThat(n.stepId()).isEqualTo(ready.stepId());
                        });
                    }
                });
    }

    /** A transition that rolls back leaves no notification: they are written in its transaction. */
    @Test
    void shouldTellNobodyWhenTheTransitionRollsBack() {
        StepBecameReady ready = ready("Engagement");

        transactions.executeWithoutResult(status -> {
            events.publishEvent(ready);
            assertThat(inbox(owner)).as("written in the transaction").hasSize(1);
            status.setRollbackOnly();
        });

        assertThat(inbox(owner)).isEmpty();
        assertThat(inbox(associate)).isEmpty();
    }

    private StepBecameReady ready(String title) {
        return new StepBecameReady(UUID.randomUUID(), UUID.randomUUID(), matter, org, ActionType.APPROVAL_LAWYER,
                RoleScope.LAWYER, null, title, "Intake for Acme", UUID.randomUUID());
    }

    private List<Notification> inbox(UUID user) {
        return notifications.of(Actor.user(user, org, Role.LAWYER, "Lawyer"), false, PageRequest.of(0, 10))
                .getContent();
    }
}
