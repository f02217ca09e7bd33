package io.matterflow.notification;

import static io.matterflow.support.Workflows.step;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;

import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.directory.Directory;
import io.matterflow.instance.InstanceDetails;
import io.matterflow.instance.Instances;
import io.matterflow.instance.StepDetails;
import io.matterflow.support.H2Test;
import io.matterflow.support.TestFirm;
import io.matterflow.support.Workflows;
import io.matterflow.template.Templates;

/**
 * READY notifications are written in the transaction that made the step READY: when instantiation returns, the
 * READY step's performers are already told, and nobody about the step still waiting behind it.
 */
@H2Test
class ReadyNotifierTests {

    @Autowired
    Notifications notifications;
    @Autowired
    Directory directory;
    @Autowired
    Templates templates;
    @Autowired
    Instances instances;

    @Test
    void shouldNotifyInTheTransactionThatMadeTheStepReady() {
        var firm = TestFirm.create(directory);
        InstanceDetails instance = new Workflows(templates, instances).instance(firm,
                step("Conflict check", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true),
                step("Engagement", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true));
        StepDetails ready = instance.steps().get(0);
        StepDetails pending = instance.steps().get(1);

        assertThat(notifications.of(firm.as(firm.associate()), false, PageRequest.of(0, 50)))
                .extracting(Notification::stepId).containsExactly(ready.id());
        assertThat(notifications.of(firm.as(firm.owner()), false, PageRequest.of(0, 50)))
                .extracting(Notification::stepId).containsExactly(ready.id()).doesNotContain(pending.id());
    }

    @Test
    void shouldTellEachPerformerOnceInOneBatchAndSkipThoseAlreadyTold() {
        var firm = TestFirm.create(directory);
        UUID source = UUID.randomUUID();
        notifications.createForEach(firm.orgId(), List.of(firm.owner().id()), source, ReadyNotifier.KIND,
                "Ready: Review", "Intake · Matter", "/ui/x", null, null);
        notifications.createForEach(firm.orgId(), List.of(firm.owner().id(), firm.associate().id(),
                firm.paralegal().id()), source, ReadyNotifier.KIND, "Ready: Review", "Intake · Matter", "/ui/x",
                null, null);
        notifications.createForEach(firm.orgId(), List.of(), source, ReadyNotifier.KIND, "Ready: Review",
                "Intake · Matter", "/ui/x", null, null);

        assertThat(notifications.causedBy(source)).isEqualTo(3);
        for (var user : List.of(firm.owner(), firm.associate(), firm.paralegal())) {
            assertThat(notifications.of(firm.as(user), false, PageRequest.of(0, 50)))
                    .extracting(Notification::title).containsExactly("Ready: Review");
        }
    }
}
