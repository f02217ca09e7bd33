package io.matterflow.api;

import static io.matterflow.support.Workflows.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.ResultMatcher;

import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.audit.AuditLog;
import io.matterflow.directory.Role;
import io.matterflow.directory.UserAccount;
import io.matterflow.support.PostgresTest;
import io.matterflow.support.TestFirm;

/**
 * Documents to sign: the firm stores them for a template or an instance, signature steps name them, and the signer
 * reads them through the step; on PostgreSQL.
 */
@PostgresTest
@AutoConfigureMockMvc
class SignatureDocumentTests extends ApiTestSupport {

    static final byte[] PDF = "%PDF-1.4 engagement letter".getBytes(StandardCharsets.US_ASCII);

    @Autowired
    AuditLog audit;
    @Autowired
    org.springframework.security.core.userdetails.UserDetailsService users;

    private static MockMultipartFile letter() {
        return new MockMultipartFile("file", "engagement-letter.pdf", "application/pdf", PDF);
    }

    private UUID uploadToTemplate(UserAccount who, UUID templateId) throws Exception {
        return id(mvc.perform(multipart("/api/workflows/templates/{id}/documents", templateId).file(letter())
                        .with(as(who)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.name").value("engagement-letter.pdf"))
                .andExpect(jsonPath("$.contentType").value("application/pdf"))
                .andExpect(jsonPath("$.size").value(PDF.length))
                .andExpect(jsonPath("$.status").value("UNSCANNED")).andReturn(), "$.id");
    }

    private UUID uploadToInstance(UserAccount who, UUID instanceId) throws Exception {
        return id(mvc.perform(multipart("/api/workflows/instances/{id}/documents", instanceId).file(letter())
                .with(as(who))).andExpect(status().isCreated()).andReturn(), "$.id");
    }

    private UUID draft(TestFirm firm) {
        return templates.create(firm.as(firm.owner()), "Intake " + UUID.randomUUID(), null,
                List.of(step("Sign", ActionType.SIGNATURE_CLIENT, RoleScope.CLIENT, true,
                        Map.of("documentId", "engagement-letter")))).id();
    }

    private static Map<String, Object> signatureStep(Object documentId) {
        return Map.of("title", "Sign", "actionType", "SIGNATURE_CLIENT", "roleScope", "CLIENT",
                "actionConfig", Map.of("documentId", documentId));
    }

    private ResultMatcher names(String field) {
        return jsonPath("$.errors[*].field", hasItem(field));
    }

    @Test
    void shouldLetAdminsAndLawyersStoreADocumentForATemplateAndRefuseEveryoneElseChangingNothing() throws Exception {
        var firm = firm();
        UUID template = draft(firm);
        for (UserAccount author : List.of(firm.admin(), firm.owner(), firm.associate())) {
            uploadToTemplate(author, template);
        }
        assertThat(audit.stream(firm.orgId(), template)).filteredOn(e -> e.action().equals("template.document-upload"))
                .hasSize(3);

        var other = firm();
        var before = written(firm.orgId());
        for (var refusal : List.of(Map.entry(firm.paralegal(), 403), Map.entry(firm.client(), 403),
                Map.entry(other.admin(), 404))) {
            mvc.perform(multipart("/api/workflows/templates/{id}/documents", template).file(letter())
                    .with(as(refusal.getKey()))).andExpect(status().is(refusal.getValue()));
        }
        mvc.perform(multipart("/api/workflows/templates/{id}/documents", UUID.randomUUID()).file(letter())
                .with(as(firm.admin()))).andExpect(status().isNotFound());
        // neither a text file nor a PDF named as a Word document
        mvc.perform(multipart("/api/workflows/templates/{id}/documents", template)
                .file(new MockMultipartFile("file", "letter.txt", "text/plain", "Dear client".getBytes()))
                .with(as(firm.owner()))).andExpect(status().isUnsupportedMediaType());
        mvc.perform(multipart("/api/workflows/templates/{id}/documents", template)
                .file(new MockMultipartFile("file", "letter.docx", "application/octet-stream", PDF))
                .with(as(firm.owner()))).andExpect(status().isUnsupportedMediaType());
        mvc.perform(multipart("/api/workflows/templates/{id}/documents", template).with(as(firm.owner())))
                .andExpect(status().isBadRequest());
        assertThat(written(firm.orgId())).isEqualTo(before);
    }

    @Test
    void shouldLetAdminsAndTheOwnerStoreADocumentForAnInstanceAndRefuseEveryoneElseChangingNothing() throws Exception {
        var firm = firm();
        var instance = workflows.instance(firm, step("Sign", ActionType.SIGNATURE_CLIENT, RoleScope.CLIENT, true,
                Map.of("documentId", "engagement-letter")));
        uploadToInstance(firm.admin(), instance.id());
        uploadToInstance(firm.owner(), instance.id());
        assertThat(audit.stream(firm.orgId(), instance.id()))
                .filteredOn(e -> e.action().equals("instance.document-upload")).hasSize(2);

        var other = firm();
        var before = written(firm.orgId());
        for (var refusal : List.of(Map.entry(firm.associate(), 403), Map.entry(firm.paralegal(), 403),
                Map.entry(firm.client(), 403), Map.entry(firm.outsider(), 404), Map.entry(other.admin(), 404))) {
            mvc.perform(multipart("/api/workflows/instances/{id}/documents", instance.id()).file(letter())
                    .with(as(refusal.getKey()))).andExpect(status().is(refusal.getValue()));
        }
        assertThat(written(firm.orgId())).isEqualTo(before);
    }

    @Test
    void shouldAcceptOnlyDocumentsStoredForTheTemplateInItsSignatureSteps() throws Exception {
        var firm = firm();
        UUID template = draft(firm);
        UUID otherTemplate = draft(firm);
        UUID own = uploadToTemplate(firm.owner(), template);
        UUID foreign = uploadToTemplate(firm.owner(), otherTemplate);
        var before = written(firm.orgId());

        for (Object bad : List.of(UUID.randomUUID().toString(), foreign.toString())) {
            mvc.perform(jsonRequest(patch("/api/workflows/templates/{id}", template),
                            Map.of("steps", List.of(signatureStep(bad)))).with(as(firm.owner())))
                    .andExpect(status().isBadRequest())
                    .andExpect(names("steps[0].actionConfig.documentId"));
        }
        // a new template has no documents yet
        mvc.perform(jsonRequest(post("/api/workflows/templates"), Map.of("name", "New",
                        "steps", List.of(signatureStep(own.toString())))).with(as(firm.owner())))
                .andExpect(status().isBadRequest()).andExpect(names("steps[0].actionConfig.documentId"));
        assertThat(written(firm.orgId())).isEqualTo(before);

        mvc.perform(jsonRequest(patch("/api/workflows/templates/{id}", template),
                        Map.of("steps", List.of(signatureStep(own.toString())))).with(as(firm.owner())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.steps[0].actionConfig.documentId").value(own.toString()));
        // a free-text reference to a document kept elsewhere is still accepted
        mvc.perform(jsonRequest(patch("/api/workflows/templates/{id}", template),
                        Map.of("steps", List.of(signatureStep("engagement-letter-2026-001")))).with(as(firm.owner())))
                .andExpect(status().isOk());
    }

    @Test
    void shouldAcceptDocumentsOfTheInstanceOrItsTemplateInAnInstancesSignatureStep() throws Exception {
        var firm = firm();
        var instance = workflows.instance(firm, step("Check", ActionType.CHECKLIST, RoleScope.PARALEGAL, true),
                step("Sign", ActionType.SIGNATURE_CLIENT, RoleScope.CLIENT, true,
                        Map.of("documentId", "engagement-letter")));
        var elsewhere = workflows.instance(firm, step("Sign", ActionType.SIGNATURE_CLIENT, RoleScope.CLIENT, true,
                Map.of("documentId", "engagement-letter")));
        UUID signStep = instance.steps().get(1).id();
        UUID own = uploadToInstance(firm.owner(), instance.id());
        UUID foreign = uploadToInstance(firm.owner(), elsewhere.id());
        UUID ofTemplate = uploadToTemplate(firm.owner(), instance.templateId());
        var before = written(firm.orgId());

        for (UUID bad : List.of(foreign, UUID.randomUUID())) {
            mvc.perform(jsonRequest(patch("/api/workflows/instances/{i}/steps/{s}", instance.id(), signStep),
                            Map.of("actionConfig", Map.of("documentId", bad.toString()))).with(as(firm.owner())))
                    .andExpect(status().isBadRequest()).andExpect(names("actionConfig.documentId"));
            mvc.perform(jsonRequest(post("/api/workflows/instances/{i}/steps", instance.id()),
                            signatureStep(bad.toString())).with(as(firm.owner())))
                    .andExpect(status().isBadRequest()).andExpect(names("actionConfig.documentId"));
        }
        assertThat(written(firm.orgId())).isEqualTo(before);

        for (UUID good : List.of(own, ofTemplate)) {
            mvc.perform(jsonRequest(patch("/api/workflows/instances/{i}/steps/{s}", instance.id(), signStep),
                            Map.of("actionConfig", Map.of("documentId", good.toString()))).with(as(firm.owner())))
                    .andExpect(status().isOk());
        }
    }

    @Test
    void shouldLetTheClientReadTheTemplatesDocumentOnItsSignatureStepAndThenSign() throws Exception {
        var firm = firm();
        UUID template = draft(firm);
        UUID letter = uploadToTemplate(firm.owner(), template);
        var author = firm.as(firm.owner());
        templates.update(author, template, new io.matterflow.template.TemplateChanges(null, null, null, List.of(
                step("Sign the engagement letter", ActionType.SIGNATURE_CLIENT, RoleScope.CLIENT, true,
                        Map.of("documentId", letter.toString())))));
        templates.publish(author, template);
        var created = mvc.perform(jsonRequest(post("/api/workflows/templates/{id}/instantiate", template),
                        Map.of("matterId", firm.matter().id(), "activate", true)).with(as(firm.owner())))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.steps[0].actionConfig.documentId").value(letter.toString())).andReturn();
        UUID stepId = id(created, "$.steps[0].id");

        mvc.perform(get("/api/workflows/steps/{id}/signature-document", stepId).with(as(firm.client())))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_PDF))
                .andExpect(content().bytes(PDF))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.startsWith("sandbox")));
        assertThat(audit.history(firm.orgId(), stepId)).filteredOn(e -> e.action().equals("step.document-read"))
                .singleElement().satisfies(e -> {
                    assertThat(e.actorId()).isEqualTo(firm.client().id().toString());
                    assertThat(e.metadata()).containsEntry("documentId", letter.toString());
                });
        for (UserAccount firmSide : List.of(firm.owner(), firm.paralegal(), firm.admin())) {
            mvc.perform(get("/api/workflows/steps/{id}/signature-document", stepId).with(as(firmSide)))
                    .andExpect(status().isOk());
        }

        var signing = mvc.perform(post("/api/workflows/steps/{id}/start", stepId).with(as(firm.client())))
                .andExpect(status().isOk()).andReturn();
        String session = read(signing, "$.actionData.signatureSessionId");
        mvc.perform(jsonRequest(post("/api/workflows/steps/{id}/complete", stepId),
                        Map.of("signatureSessionId", session)).with(as(firm.client())))
                .andExpect(status().isOk()).andExpect(jsonPath("$.actionState").value("COMPLETED"));
        // still readable once signed
        mvc.perform(get("/api/workflows/steps/{id}/signature-document", stepId).with(as(firm.client())))
                .andExpect(status().isOk());
        // the template's document by its id: the firm's, not the client's
        mvc.perform(get("/api/documents/{id}/content", letter).with(as(firm.paralegal())))
                .andExpect(status().isOk()).andExpect(content().bytes(PDF));
        mvc.perform(get("/api/documents/{id}/content", letter).with(as(firm.client())))
                .andExpect(status().isNotFound());
    }

    @Test
    void shouldHideTheDocumentFromThoseWhoMayNotSeeTheStepChangingNothing() throws Exception {
        var firm = firm();
        var instance = workflows.instance(firm, step("Sign", ActionType.SIGNATURE_CLIENT, RoleScope.CLIENT, true,
                        Map.of("documentId", "engagement-letter")),
                step("Countersign", ActionType.SIGNATURE_CLIENT, RoleScope.LAWYER, true,
                        Map.of("documentId", "engagement-letter")));
        UUID stepId = instance.steps().get(0).id();
        UUID firmStep = instance.steps().get(1).id();
        UUID letter = uploadToInstance(firm.owner(), instance.id());
        for (UUID step : List.of(stepId, firmStep)) {
            instances.editStep(firm.as(firm.owner()), instance.id(), step, new io.matterflow.instance.Instances
                    .StepChanges(null, null, null, Map.of("documentId", letter.toString()), null));
        }
        var otherClient = directory.createUser(firm.orgId(), "client2-" + UUID.randomUUID() + "@firm.test",
                "Other client", Role.CLIENT, PASSWORD);
        directory.createMatter(firm.orgId(), "M2-" + UUID.randomUUID(), "Other matter", firm.owner().id(),
                otherClient.id());
        var other = firm();
        var before = written(firm.orgId());

        for (UserAccount stranger : List.of(firm.outsider(), otherClient, other.admin())) {
            mvc.perform(get("/api/workflows/steps/{id}/signature-document", stepId).with(as(stranger)))
                    .andExpect(status().isNotFound())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
            mvc.perform(get("/api/documents/{id}/content", letter).with(as(stranger)))
                    .andExpect(status().isNotFound());
        }
        // the matter's client on a signature step of the firm's: not its content
        mvc.perform(get("/api/workflows/steps/{id}/signature-document", firmStep).with(as(firm.client())))
                .andExpect(status().is4xxClientError());
        // a step naming no stored document
        var plain = workflows.instance(firm, step("Sign", ActionType.SIGNATURE_CLIENT, RoleScope.CLIENT, true,
                Map.of("documentId", "engagement-letter")));
        before = written(firm.orgId());
        mvc.perform(get("/api/workflows/steps/{id}/signature-document", plain.steps().get(0).id())
                .with(as(firm.client()))).andExpect(status().isNotFound());
        assertThat(written(firm.orgId())).isEqualTo(before);
    }

    @Test
    void shouldStoreTheDocumentFromTheBuilderAndFillTheStepsDocumentField() throws Exception {
        var firm = firm();
        UUID template = draft(firm);
        var lawyer = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                .user(users.loadUserByUsername(firm.owner().email()));

        mvc.perform(get("/workflows/templates/{id}", template).with(lawyer))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Upload and use")));
        var answer = mvc.perform(multipart("/workflows/templates/{id}/documents", template).file(letter())
                        .param("index", "0").with(lawyer)
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                                .csrf()))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        UUID stored = jdbc.queryForObject("select id from documents where template_id = ?", UUID.class, template);
        assertThat(answer).contains("id=\"cfg-0-documentId\"").contains("name=\"steps[0].config[documentId]\"")
                .contains("value=\"" + stored + "\"");
    }

    @Test
    void shouldStoreTheDocumentFromTheInstanceEditorAndFillTheStepsDocumentField() throws Exception {
        var firm = firm();
        var instance = workflows.instantiate(firm, templates.publish(firm.as(firm.owner()), draft(firm)).id(), null);
        UUID step = instance.steps().get(0).id();

        var answer = mvc.perform(multipart("/workflows/instances/{id}/documents", instance.id()).file(letter())
                        .param("stepId", step.toString())
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                                .user(users.loadUserByUsername(firm.owner().email())))
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                                .csrf()))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        UUID stored = jdbc.queryForObject("select id from documents where instance_id = ?", UUID.class, instance.id());
        assertThat(answer).contains("id=\"edit-cfg-" + step + "-documentId\"").contains("name=\"config.documentId\"")
                .contains("value=\"" + stored + "\"");
    }
}
