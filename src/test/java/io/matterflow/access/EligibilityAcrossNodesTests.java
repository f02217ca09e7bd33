package io.matterflow.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.matterflow.MatterflowApplication;
import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.common.NotFoundException;
import io.matterflow.directory.Directory;
import io.matterflow.directory.MatterDetails;
import io.matterflow.directory.MatterEdit;
import io.matterflow.directory.Role;
import io.matterflow.instance.StepRuntime;
import io.matterflow.support.PostgresDatabase;
import io.matterflow.support.PostgresTest;
import io.matterflow.support.TestFirm;
import io.matterflow.support.Workflows;

/** Two application nodes on one database: a member change on one drops the other's cached eligibility. */
@PostgresTest
class EligibilityAcrossNodesTests {

    static ConfigurableApplicationContext otherNode;

    @Autowired
    Directory directory;
    @Autowired
    StepRuntime runtime;
    @Autowired
    StepAccess access;
    @Autowired
    Workflows workflows;

    @BeforeAll
    static void startOtherNode() {
        otherNode = new SpringApplicationBuilder(MatterflowApplication.class)
                .profiles("test")
                .run("--spring.datasource.url=" + PostgresDatabase.url(),
                        "--spring.datasource.username=" + PostgresDatabase.user(),
                        "--spring.datasource.password=" + PostgresDatabase.password(),
                        "--server.port=0", "--matterflow.demo.seed=NEVER");
    }

    @AfterAll
    static void stopOtherNode() {
        if (otherNode != null) {
            otherNode.close();
        }
    }

    @Test
    void shouldStopAMemberRemovedOnAnotherNodeFromClaimingHere() {
        var firm = TestFirm.create(directory);
        var instance = workflows.instance(firm, Workflows.step("Approve", ActionType.APPROVAL_LAWYER,
                RoleScope.LAWYER, true));
        var step = instance.steps().get(0);
        var ref = new StepRef(step.id(), instance.id(), firm.matter().id(), firm.orgId(), RoleScope.LAWYER, null);
        assertThat(access.isEligible(ref, firm.as(firm.associate()))).isTrue();

        otherNode.getBean(Directory.class).setMembers(firm.orgId(), firm.matter().id(),
                List.of(new MatterDetails.Member(firm.paralegal().id(), Role.PARALEGAL)));

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> !access.isEligible(ref, firm.as(firm.associate())));
        // off the matter, the associate no longer sees its steps
        assertThatThrownBy(() -> runtime.claim(firm.as(firm.associate()), step.id()))
                .isInstanceOf(NotFoundException.class);
        assertThat(runtime.claim(firm.as(firm.owner()), step.id()).assignedToId()).isEqualTo(firm.owner().id());
    }

    /** A matter handed to another owner on the other node: the old owner's cached eligibility here is dropped. */
    @Test
    void shouldStopAnOwnerReplacedOnAnotherNodeFromClaimingHere() {
        var firm = TestFirm.create(directory);
        var instance = workflows.instance(firm, Workflows.step("Approve", ActionType.APPROVAL_LAWYER,
                RoleScope.LAWYER, true));
        var step = instance.steps().get(0);
        var ref = new StepRef(step.id(), instance.id(), firm.matter().id(), firm.orgId(), RoleScope.LAWYER, null);
        assertThat(access.isEligible(ref, firm.as(firm.owner()))).isTrue();

        otherNode.getBean(Matters.class).update(firm.as(firm.admin()), firm.matter().id(),
                new MatterEdit(null, null, firm.outsider().id(), null, false), null, false);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> !access.isEligible(ref, firm.as(firm.owner())));
        assertThatThrownBy(() -> runtime.claim(firm.as(firm.owner()), step.id()))
                .isInstanceOf(NotFoundException.class);
        assertThat(runtime.claim(firm.as(firm.outsider()), step.id()).assignedToId())
                .isEqualTo(firm.outsider().id());
    }
}
