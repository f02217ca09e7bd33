package io.matterflow.api;

import static io.matterflow.support.Workflows.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.audit.AuditEvent;
import io.matterflow.audit.AuditLog;
import io.matterflow.directory.UserAccount;
import io.matterflow.instance.InstanceDetails;
import io.matterflow.instance.StepRuntime;
import io.matterflow.instance.WorkflowStatus;
import io.matterflow.notification.Notifications;
import io.matterflow.support.PostgresTest;
import io.matterflow.support.TestFirm;

/**
 * Giving a step to a named person or back to the pool ({@code POST /api/workflows/steps/{id}/assign}) and moving a
 * person's open steps to another ({@code POST /api/workflows/steps/handover}), on PostgreSQL: who may, to whom, in
 * which states; every refusal a problem detail that changes nothing.
 */
@PostgresTest
@AutoConfigureMockMvc
class AssignmentApiTests extends ApiTestSupport {

    @Autowired
    StepRuntime runtime;
    @Autowired
    AuditLog audit;
    @Autowired
    Notifications notifications;

    private InstanceDetails lawyerAndParalegalSteps(TestFirm firm) {
        return workflows.instance(firm, step("Conflict check", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, false),
                step("Open the file", ActionType.CHECKLIST, RoleScope.PARALEGAL, false));
    }

    private ResultActions assign(UserAccount caller, UUID stepId, UUID userId) throws Exception {
        Map<String, Object> body = new HashMap<>();
        body.put("userId", userId == null ? null : userId.toString());
        return mvc.perform(jsonRequest(post("/api/workflows/steps/" + stepId + "/assign"), body).with(as(caller)));
    }

    @Test
    void shouldLetTheOwnerGiveAReadyStepToAnEligibleLawyerWhoIsTold() throws Exception {
        var firm = firm();
        UUID step = lawyerAndParalegalSteps(firm).steps().get(0).id();

        assign(firm.owner(), step, firm.associate().id())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.assignedToId").value(firm.associate().id().toString()))
                .andExpect(jsonPath("$.actionState").value("READY"));

        assertThat(audit.history(firm.orgId(), step)).extracting(AuditEvent::action).endsWith("step.assign");
        await().atMost(Duration.ofSeconds(20)).until(() -> notifications
                .of(firm.as(firm.associate()), false, PageRequest.of(0, 50)).stream()
                .anyMatch(n -> step.equals(n.stepId()) && n.kind().equals("STEP_ASSIGNED")));
    }

    @Test
    void shouldLetTheMattersLawyersAndAdminsAssignAndPutBackInThePool() throws Exception {
        var firm = firm();
        UUID checklist = lawyerAndParalegalSteps(firm).steps().get(1).id();

        assign(firm.associate(), checklist, firm.paralegal().id()).andExpect(status().isOk())
                .andExpect(jsonPath("$.assignedToId").value(firm.paralegal().id().toString()));
        assign(firm.admin(), checklist, null).andExpect(status().isOk())
                .andExpect(jsonPath("$.assignedToId").value(nullValue()));
    }

    @Test
    void shouldRefuseSomeoneWhoMayNotPerformTheStepWith422NamingUserId() throws Exception {
        var firm = firm();
        UUID step = lawyerAndParalegalSteps(firm).steps().get(0).id();
        var written = written(firm.orgId());

        for (UUID notEligible : List.of(firm.outsider().id(), firm.paralegal().id(), firm.client().id(),
                UUID.randomUUID())) {
            assign(firm.owner(), step, notEligible)
                    .andExpect(status().is(422))
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.errors[*].field", contains("userId")));
        }

        assertThat(written(firm.orgId())).isEqualTo(written);
    }

    @Test
    void shouldRefuseAssignmentByParalegalsAndClientsWith403AndLawyersOffTheMatterWith404() throws Exception {
        var firm = firm();
        UUID step = lawyerAndParalegalSteps(firm).steps().get(1).id();
        var written = written(firm.orgId());

        for (UserAccount caller : List.of(firm.paralegal(), firm.client())) {
            assign(caller, step, firm.paralegal().id())
                    .andExpect(status().isForbidden())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        }
        // a lawyer off the matter does not see its steps at all
        assign(firm.outsider(), step, firm.paralegal().id())
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

        assertThat(written(firm.orgId())).isEqualTo(written);
    }

    @Test
    void shouldHandAStepInProgressToAnotherPerformerButNeverToThePool() throws Exception {
        var firm = firm();
        UUID step = lawyerAndParalegalSteps(firm).steps().get(0).id();
        runtime.start(firm.as(firm.owner()), step);
        var written = written(firm.orgId());

        assign(firm.admin(), step, null)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.state").value("IN_PROGRESS"));
        assertThat(written(firm.orgId())).isEqualTo(written);

        assign(firm.admin(), step, firm.associate().id())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.actionState").value("IN_PROGRESS"))
                .andExpect(jsonPath("$.assignedToId").value(firm.associate().id().toString()));
        mvc.perform(jsonRequest(post("/api/workflows/steps/" + step + "/complete"), Map.of("approved", true))
                        .with(as(firm.associate())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.actionState").value("COMPLETED"));
    }

    @Test
    void shouldAssignWhileTheInstanceIsPausedButNotOnceItIsCanceled() throws Exception {
        var firm = firm();
        var instance = lawyerAndParalegalSteps(firm);
        UUID step = instance.steps().get(0).id();
        instances.update(firm.as(firm.owner()), instance.id(), null, WorkflowStatus.PAUSED);

        assign(firm.owner(), step, firm.associate().id()).andExpect(status().isOk());

        instances.update(firm.as(firm.owner()), instance.id(), null, WorkflowStatus.CANCELED);
        var written = written(firm.orgId());
        assign(firm.owner(), step, firm.owner().id())
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.instanceStatus").value("CANCELED"));
        assertThat(written(firm.orgId())).isEqualTo(written);
    }

    @Test
    void shouldHandOverEveryOpenStepOfOnePersonToAnotherInOneAction() throws Exception {
        var firm = firm();
        var first = lawyerAndParalegalSteps(firm);
        var second = lawyerAndParalegalSteps(firm);
        var owner = firm.as(firm.owner());
        runtime.claim(owner, first.steps().get(0).id());
        runtime.start(owner, second.steps().get(0).id());

        mvc.perform(jsonRequest(post("/api/workflows/steps/handover"), Map.of(
                        "fromUserId", firm.owner().id().toString(), "toUserId", firm.associate().id().toString()))
                        .with(as(firm.admin())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.moved", hasSize(2)))
                .andExpect(jsonPath("$.moved[*].assignedToId", contains(firm.associate().id().toString(),
                        firm.associate().id().toString())));

        assertThat(runtime.assign(firm.as(firm.admin()), first.steps().get(0).id(), firm.associate().id())
                .assignedToId()).isEqualTo(firm.associate().id());
    }

    @Test
    void shouldMoveNothingWhenTheNewPersonMayNotPerformEveryStep() throws Exception {
        var firm = firm();
        var instance = lawyerAndParalegalSteps(firm);
        var owner = firm.as(firm.owner());
        runtime.claim(owner, instance.steps().get(0).id());
        var written = written(firm.orgId());

        mvc.perform(jsonRequest(post("/api/workflows/steps/handover"), Map.of(
                        "fromUserId", firm.owner().id().toString(), "toUserId", firm.outsider().id().toString()))
                        .with(as(firm.admin())))
                .andExpect(status().is(422))
                .andExpect(jsonPath("$.errors[*].field", contains("toUserId")));
        mvc.perform(jsonRequest(post("/api/workflows/steps/handover"), Map.of(
                        "fromUserId", firm.owner().id().toString(), "toUserId", firm.associate().id().toString()))
                        .with(as(firm.owner())))
                .andExpect(status().isForbidden());

        assertThat(written(firm.orgId())).isEqualTo(written);
    }
}
