package io.matterflow.instance;

import static io.matterflow.support.Workflows.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.PageRequest;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.matterflow.action.ActionState;
import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.audit.AuditEvent;
import io.matterflow.audit.AuditLog;
import io.matterflow.directory.Directory;
import io.matterflow.directory.UserDeactivated;
import io.matterflow.notification.Notifications;
import io.matterflow.support.PostgresTest;
import io.matterflow.support.TestFirm;
import io.matterflow.support.Workflows;
import io.matterflow.template.Templates;

/**
 * When a person is deactivated, the steps they held are released in the same transaction: claimed READY steps back
 * to the pool, started ones unassigned where they are; each audited as {@code step.release} by the admin, and the
 * matter's owner is told.
 */
@PostgresTest
class ReleaseOnDeactivationTests {

    @Autowired
    Directory directory;
    @Autowired
    Templates templates;
    @Autowired
    Instances instances;
    @Autowired
    StepRuntime runtime;
    @Autowired
    AuditLog audit;
    @Autowired
    Notifications notifications;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void shouldReleaseEveryOpenStepOfADeactivatedPersonAndTellTheOwner() {
        var firm = TestFirm.create(directory);
        var workflows = new Workflows(templates, instances);
        var instance = workflows.instance(firm, step("Review", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, false),
                step("Draft", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, false),
                step("Done", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, false));
        var associate = firm.as(firm.associate());
        var claimed = instance.steps().get(0).id();
        var started = instance.steps().get(1).id();
        var finished = instance.steps().get(2).id();
        runtime.claim(associate, claimed);
        runtime.start(associate, started);
        runtime.start(associate, finished);
        runtime.complete(associate, finished, Map.of("approved", true));

        new TransactionTemplate(transactions).executeWithoutResult(status -> events.publishEvent(
                new UserDeactivated(firm.orgId(), firm.associate().id(), firm.admin().id())));

        var steps = instances.get(firm.as(firm.admin()), instance.id()).steps();
        assertThat(steps).extracting(StepDetails::actionState)
                .containsExactly(ActionState.READY, ActionState.IN_PROGRESS, ActionState.COMPLETED);
        assertThat(steps).extracting(StepDetails::assignedToId)
                .containsExactly(null, null, firm.associate().id());
        assertThat(audit.history(firm.orgId(), started)).last().satisfies(e -> {
            assertThat(e.action()).isEqualTo("step.release");
            assertThat(e.actorId()).isEqualTo(firm.admin().id().toString());
            assertThat(e.metadata()).containsEntry("previousAssigneeId", firm.associate().id().toString());
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> notifications
                .of(firm.as(firm.owner()), false, PageRequest.of(0, 50)).stream()
                .filter(n -> n.kind().equals("STEP_RELEASED")).count() == 2);

        // a started step without an assignee is given to someone, who finishes it
        runtime.assign(firm.as(firm.owner()), started, firm.owner().id());
        assertThat(runtime.complete(firm.as(firm.owner()), started, Map.of("approved", true)).actionState())
                .isEqualTo(ActionState.COMPLETED);
    }
}
