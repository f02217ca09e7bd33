package io.matterflow.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.jayway.jsonpath.JsonPath;

import io.matterflow.directory.Directory;
import io.matterflow.directory.UserAccount;
import io.matterflow.support.H2Test;
import io.matterflow.support.TestFirm;
import tools.jackson.databind.json.JsonMapper;

/**
 * A type plugged in with nothing under {@code src/main}: the test-only NOTARIZATION_LAWYER
 * ({@link NotarizationTypeConfiguration}) is configured in a template, published, instantiated, started and completed
 * through the API, audited, shown in the run view, and listed in this application's API document. Its own
 * application context: the others keep the five built-in types.
 */
@H2Test
@AutoConfigureMockMvc
@Import(NotarizationTypeConfiguration.class)
class NotarizationEndToEndTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    Directory directory;
    @Autowired
    UserDetailsService userDetailsService;
    @Autowired
    ActionRegistry registry;

    @Test
    void shouldRunAPluggedInTypeFromTemplateToCompletionThroughTheApi() throws Exception {
        var firm = TestFirm.create(directory);
        UserAccount owner = firm.owner();

        // a template with a step of the type, its config checked by the type's handler
        mvc.perform(json(post("/api/workflows/templates"), owner, template(Map.of("jurisdiction", "Vienna"))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(hasItem("steps[0].actionConfig.documentName")));
        String template = read(mvc.perform(json(post("/api/workflows/templates"), owner,
                        template(Map.of("documentName", "Power of attorney"))))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.steps[0].actionType").value("NOTARIZATION_LAWYER"))
                .andReturn().getResponse().getContentAsString(), "$.id");
        mvc.perform(post("/api/workflows/templates/{id}/publish", template).with(as(owner)))
                .andExpect(status().isOk());

        String instanceBody = mvc.perform(json(post("/api/workflows/templates/{id}/instantiate", template), owner,
                        Map.of("matterId", firm.matter().id().toString())))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.steps[0].actionType").value("NOTARIZATION_LAWYER"))
                .andExpect(jsonPath("$.steps[0].actionState").value("READY"))
                .andReturn().getResponse().getContentAsString();
        String instance = read(instanceBody, "$.id");
        String step = read(instanceBody, "$.steps[0].id");

        // not completed straight from READY: the handler keeps the default
        mvc.perform(json(post("/api/workflows/steps/{id}/complete", step), owner, notarized("2026/117", "2025-03-14")))
                .andExpect(status().isConflict());
        mvc.perform(post("/api/workflows/steps/{id}/start", step).with(as(owner)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.actionState").value("IN_PROGRESS"));

        // shown in the run view with its own completion form: templates/action/NOTARIZATION_LAWYER.html in the test
        // resources, found by the type's name
        mvc.perform(get("/matters/{matter}/workflows/{id}", firm.matter().id(), instance)
                        .with(user(userDetailsService.loadUserByUsername(owner.email()))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Notarize the power of attorney")))
                .andExpect(content().string(containsString("/workflows/steps/" + step + "/complete")))
                .andExpect(content().string(containsString("Notarize: Power of attorney")))
                .andExpect(content().string(containsString("name=\"registerNumber\"")))
                .andExpect(content().string(containsString("Record notarization")))
                // the instance editor offers the type for a new step
                .andExpect(content().string(containsString("value=\"NOTARIZATION_LAWYER\"")));

        // in the performer's inbox under its handler's word for the type
        mvc.perform(get("/inbox").with(user(userDetailsService.loadUserByUsername(owner.email()))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<span class=\"type\">Notarization</span>")));

        // a bad payload is a 400 naming the field, and changes nothing
        mvc.perform(json(post("/api/workflows/steps/{id}/complete", step), owner, notarized("2026/117", "14.3.2025")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("notarizedOn"));
        mvc.perform(json(post("/api/workflows/steps/{id}/complete", step), owner, notarized(" ", "2025-03-14")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("registerNumber"));
        mvc.perform(get("/api/workflows/steps/{id}", step).with(as(owner)))
                .andExpect(jsonPath("$.actionState").value("IN_PROGRESS"));

        mvc.perform(json(post("/api/workflows/steps/{id}/complete", step), owner, notarized("2026/117", "2025-03-14")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.actionState").value("COMPLETED"))
                .andExpect(jsonPath("$.actionData.registerNumber").value("2026/117"))
                .andExpect(jsonPath("$.actionData.notarizedOn").value("2025-03-14"))
                .andExpect(jsonPath("$.actionData.recordedBy").value(owner.id().toString()));
        mvc.perform(get("/api/workflows/instances/{id}", instance).with(as(owner)))
                .andExpect(jsonPath("$.status").value("COMPLETED"));

        String audit = mvc.perform(get("/api/workflows/instances/{id}/audit", instance).with(as(owner)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<Map<String, Object>> completions = JsonPath.read(audit, "$[?(@.action == 'step.complete')]");
        assertThat(completions).singleElement().satisfies(event -> {
            assertThat(event).containsEntry("entityId", step).containsEntry("toState", "COMPLETED");
            assertThat((Map<String, Object>) event.get("metadata"))
                    .containsEntry("actionType", "NOTARIZATION_LAWYER")
                    .containsEntry("payload", Map.of("registerNumber", "2026/117", "notarizedOn", "2025-03-14"));
        });
    }

    @Test
    void shouldListThePluggedInTypeInTheApiDocument() throws Exception {
        assertThat(registry.types()).endsWith(NotarizationLawyerHandler.TYPE).hasSize(6);

        String document = mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        List<String> types = JsonPath.read(document, "$.components.schemas.StepDetails.properties.actionType.enum");
        assertThat(types).containsExactly("APPROVAL_LAWYER", "SIGNATURE_CLIENT", "REQUEST_DOC_CLIENT",
                "PAYMENT_CLIENT", "CHECKLIST", "NOTARIZATION_LAWYER");
        String config = JsonPath.read(document, "$.components.schemas.StepDetails.properties.actionConfig.description");
        assertThat(config).endsWith("CHECKLIST `{items?: [string]}`; NOTARIZATION_LAWYER `{documentName, jurisdiction?}`.");
        assertThat(registry.label(NotarizationLawyerHandler.TYPE)).isEqualTo("Notarization");
    }

    private static Map<String, Object> template(Map<String, Object> config) {
        return Map.of("name", "Notarized power of attorney", "steps", List.of(Map.of(
                "title", "Notarize the power of attorney", "actionType", "NOTARIZATION_LAWYER",
                "roleScope", "LAWYER", "required", true, "actionConfig", config)));
    }

    private static Map<String, Object> notarized(String registerNumber, String notarizedOn) {
        return Map.of("registerNumber", registerNumber, "notarizedOn", notarizedOn);
    }

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, UserAccount user,
                                                      Object body) {
        return request.with(as(user)).contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(body));
    }

    private static RequestPostProcessor as(UserAccount user) {
        return httpBasic(user.email(), "pw");
    }

    private static String read(String json, String path) {
        return JsonPath.read(json, path);
    }
}
