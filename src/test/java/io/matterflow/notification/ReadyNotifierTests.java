package io.matterflow.notification;

import static io.matterflow.support.Workflows.step;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.util.AopTestUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.directory.Directory;
import io.matterflow.instance.InstanceDetails;
import io.matterflow.instance.Instances;
import io.matterflow.instance.StepBecameReady;
import io.matterflow.instance.StepDetails;
import io.matterflow.support.H2Test;
import io.matterflow.support.TestFirm;
import io.matterflow.support.Workflows;
import io.matterflow.template.Templates;

/** A READY event delivered late tells nobody about a step that has gone back to PENDING meanwhile. */
@H2Test
class ReadyNotifierTests {

    @Autowired
    ReadyNotifier notifier;
    @Autowired
    Notifications notifications;
    @Autowired
    Directory directory;
    @Autowired
    Templates templates;
    @Autowired
    Instances instances;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void shouldNotifyOnlyWhileTheStepIsStillReady() {
        var firm = TestFirm.create(directory);
        InstanceDetails instance = new Workflows(templates, instances).instance(firm,
                step("Conflict check", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true),
                step("Engagement", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true));
        StepDetails ready = instance.steps().get(0);
        StepDetails pending = instance.steps().get(1);

        deliver(instance, pending);
        deliver(instance, ready);

        assertThat(notifications.of(firm.as(firm.associate()), false, org.springframework.data.domain.PageRequest.of(0, 50)))
                .extracting(Notification::stepId).contains(ready.id()).doesNotContain(pending.id());
    }

    private void deliver(InstanceDetails instance, StepDetails step) {
        var event = new StepBecameReady(step.id(), instance.id(), instance.matterId(), instance.orgId(),
                step.actionType(), step.roleScope(), null, step.title(), instance.title(), UUID.randomUUID());
        // the listener itself, not its asynchronous proxy: delivered now, in a transaction as the registry's would be
        ReadyNotifier target = AopTestUtils.getUltimateTargetObject(notifier);
        new TransactionTemplate(transactions).executeWithoutResult(status -> target.on(event));
    }
}
