package io.matterflow.notification;

import static io.matterflow.support.Workflows.step;
import static org.assertj.core.api.Assertions.assertThat;

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
}
