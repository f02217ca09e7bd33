package io.matterflow.api;

import static io.matterflow.support.Workflows.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.UserDetailsService;

import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.instance.InstanceDetails;
import io.matterflow.instance.StepRuntime;
import io.matterflow.support.PostgresTest;
import io.matterflow.support.TestFirm;
import io.matterflow.template.StepDefinition;

/**
 * Work product stays in the firm: the client sees its own steps, and of the firm's only those marked
 * {@code clientVisible}, by title and state; never the firm's comments, reasons, payloads, history, documents or audit.
 * The same rule through the API and the run view, on PostgreSQL.
 */
@PostgresTest
@AutoConfigureMockMvc
class ClientConfidentialityTests extends ApiTestSupport {

    static final String COMMENT = "No conflict with Widget Co.";

    @Autowired
    StepRuntime runtime;
    @Autowired
    UserDetailsService users;

    record Matter(TestFirm firm, InstanceDetails instance, UUID approval, UUID upload, UUID shown) {
    }

    /** A conflict check the lawyer approved with a comment, the client's document request, and a shown checklist. */
    private Matter matter() {
        var firm = firm();
        var instance = workflows.instance(firm,
                step("Conflict check", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true),
                step("Passport", ActionType.REQUEST_DOC_CLIENT, RoleScope.CLIENT, true,
                        Map.of("requestText", "Your passport, please")),
                new StepDefinition("Open the file", ActionType.CHECKLIST, RoleScope.PARALEGAL, false,
                        Map.of("items", List.of("Internal: check the Widget Co. file")), true));
        UUID approval = instance.steps().get(0).id();
        runtime.start(firm.as(firm.owner()), approval);
        runtime.complete(firm.as(firm.owner()), approval, Map.of("approved", true, "comment", COMMENT));
        return new Matter(firm, instance, approval, instance.steps().get(1).id(), instance.steps().get(2).id());
    }

    @Test
    void shouldShowTheClientItsOwnStepsAndTheShownOnesByTitleAndStateOnly() throws Exception {
        var m = matter();

        var result = mvc.perform(get("/api/workflows/instances/" + m.instance().id()).with(as(m.firm().client())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.steps[*].title", contains("Passport", "Open the file")))
                .andExpect(jsonPath("$.steps[1].actionConfig").isEmpty())
                .andExpect(jsonPath("$.steps[1].actionData").isEmpty())
                .andExpect(jsonPath("$.steps[0].actionConfig.requestText").value("Your passport, please"))
                .andReturn();
        assertThat(body(result)).doesNotContain("Widget Co").doesNotContain("Conflict check");

        mvc.perform(get("/api/workflows/instances").param("matterId", m.firm().matter().id().toString())
                        .with(as(m.firm().client())))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("Widget Co"))))
                .andExpect(jsonPath("$.items[0].steps[*].title", contains("Passport", "Open the file")));
    }

    @Test
    void shouldShowTheFirmEverything() throws Exception {
        var m = matter();

        mvc.perform(get("/api/workflows/instances/" + m.instance().id()).with(as(m.firm().paralegal())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.steps[*].title", contains("Conflict check", "Passport", "Open the file")))
                .andExpect(jsonPath("$.steps[0].actionData.comment").value(COMMENT));
    }

    @Test
    void shouldAnswerTheClientAsForAnUnknownStepForTheFirmsHiddenSteps() throws Exception {
        var m = matter();

        for (String path : List.of("", "/history", "/documents")) {
            mvc.perform(get("/api/workflows/steps/" + m.approval() + path).with(as(m.firm().client())))
                    .andExpect(status().isNotFound())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        }
    }

    @Test
    void shouldRefuseTheClientTheHistoryAndDocumentsOfAShownStepOfTheFirm() throws Exception {
        var m = matter();

        mvc.perform(get("/api/workflows/steps/" + m.shown()).with(as(m.firm().client())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.actionConfig").isEmpty());
        for (String path : List.of("/history", "/documents")) {
            mvc.perform(get("/api/workflows/steps/" + m.shown() + path).with(as(m.firm().client())))
                    .andExpect(status().isForbidden())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        }
        mvc.perform(get("/api/workflows/steps/" + m.upload() + "/history").with(as(m.firm().client())))
                .andExpect(status().isOk());
    }

    @Test
    void shouldRefuseTheClientTheAuditTrails() throws Exception {
        var m = matter();

        mvc.perform(get("/api/workflows/instances/" + m.instance().id() + "/audit").with(as(m.firm().client())))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/audit").with(as(m.firm().client()))).andExpect(status().isForbidden());
        mvc.perform(get("/api/workflows/instances/" + m.instance().id() + "/audit").with(as(m.firm().paralegal())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(COMMENT)));
    }

    @Test
    void shouldKeepTheFirmsWorkOutOfTheClientsRunView() throws Exception {
        var m = matter();
        String path = "/matters/" + m.firm().matter().id() + "/workflows/" + m.instance().id();

        mvc.perform(get(path).with(user(users.loadUserByUsername(m.firm().client().email()))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Passport")))
                .andExpect(content().string(containsString("Open the file")))
                .andExpect(content().string(not(containsString("Widget Co"))))
                .andExpect(content().string(not(containsString("Conflict check"))));
        mvc.perform(get(path).with(user(users.loadUserByUsername(m.firm().owner().email()))))
                .andExpect(content().string(containsString(COMMENT)));
    }

    @Test
    void shouldLetTheFirmShowOrHideAStepOfARunningInstance() throws Exception {
        var m = matter();

        mvc.perform(jsonRequest(patch("/api/workflows/instances/" + m.instance().id() + "/steps/" + m.approval()),
                        Map.of("clientVisible", true)).with(as(m.firm().owner())))
                .andExpect(status().isOk());
        mvc.perform(get("/api/workflows/instances/" + m.instance().id()).with(as(m.firm().client())))
                .andExpect(jsonPath("$.steps[*].title", contains("Conflict check", "Passport", "Open the file")))
                .andExpect(content().string(not(containsString("Widget Co"))));

        mvc.perform(jsonRequest(patch("/api/workflows/instances/" + m.instance().id() + "/steps/" + m.shown()),
                        Map.of("clientVisible", false)).with(as(m.firm().owner())))
                .andExpect(status().isOk());
        mvc.perform(get("/api/workflows/steps/" + m.shown()).with(as(m.firm().client())))
                .andExpect(status().isNotFound());
    }
}
