package io.matterflow.api;

import static io.matterflow.support.Workflows.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
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
import org.springframework.security.core.userdetails.UserDetailsService;

import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.audit.AuditLog;
import io.matterflow.directory.UserAccount;
import io.matterflow.support.PostgresTest;
import io.matterflow.support.TestFirm;
import io.matterflow.template.StepDefinition;

/**
 * Opening documents ({@code GET /api/documents/{id}/content}, and {@code /documents/{id}} in the UI): who may, with
 * which headers, and the audit of every read; on PostgreSQL.
 */
@PostgresTest
@AutoConfigureMockMvc
class DocumentContentTests extends ApiTestSupport {

    static final byte[] PDF = "%PDF-1.4 passport of the client".getBytes(StandardCharsets.US_ASCII);
    static final byte[] TEXT = "Notes of the file".getBytes(StandardCharsets.US_ASCII);

    @Autowired
    AuditLog audit;
    @Autowired
    UserDetailsService users;

    record Upload(TestFirm firm, UUID clientStep, UUID firmStep, UUID passport, UUID notes) {
    }

    /** The client's passport on its own step; the paralegal's notes on a step of the firm the client is shown. */
    private Upload uploads() throws Exception {
        var firm = firm();
        var instance = workflows.instance(firm,
                step("Passport", ActionType.REQUEST_DOC_CLIENT, RoleScope.CLIENT, false,
                        Map.of("requestText", "Your passport, please")),
                new StepDefinition("File notes", ActionType.REQUEST_DOC_CLIENT, RoleScope.PARALEGAL, false,
                        Map.of("requestText", "The file notes"), true));
        UUID clientStep = instance.steps().get(0).id();
        UUID firmStep = instance.steps().get(1).id();
        UUID passport = upload(firm.client(), clientStep, new MockMultipartFile("file", "passport.pdf",
                "application/pdf", PDF));
        UUID notes = upload(firm.paralegal(), firmStep, new MockMultipartFile("file", "notes.txt", "text/plain",
                TEXT));
        return new Upload(firm, clientStep, firmStep, passport, notes);
    }

    private UUID upload(UserAccount who, UUID stepId, MockMultipartFile file) throws Exception {
        return id(mvc.perform(multipart("/api/workflows/steps/{id}/documents", stepId).file(file).with(as(who)))
                .andExpect(status().isCreated()).andReturn(), "$.id");
    }

    @Test
    void shouldServeAPdfInlineUnderASandboxToTheLawyerAndAuditTheRead() throws Exception {
        var u = uploads();

        mvc.perform(get("/api/documents/{id}/content", u.passport()).with(as(u.firm().owner())))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_PDF))
                .andExpect(content().bytes(PDF))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Content-Disposition", "inline; filename=\"passport.pdf\"; filename*=UTF-8''passport.pdf"))
                .andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.startsWith("sandbox")))
                .andExpect(header().stringValues("Content-Security-Policy", org.hamcrest.Matchers.<String>iterableWithSize(1)));

        assertThat(audit.history(u.firm().orgId(), u.clientStep())).filteredOn(e -> e.action()
                .equals("step.document-read")).singleElement().satisfies(e -> {
                    assertThat(e.actorId()).isEqualTo(u.firm().owner().id().toString());
                    assertThat(e.metadata()).containsEntry("documentId", u.passport().toString());
                });
    }

    @Test
    void shouldServeOtherTypesAsAnAttachment() throws Exception {
        var u = uploads();

        mvc.perform(get("/api/documents/{id}/content", u.notes()).with(as(u.firm().associate())))
                .andExpect(status().isOk())
                .andExpect(content().bytes(TEXT))
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"notes.txt\"; filename*=UTF-8''notes.txt"))
                .andExpect(header().string("Content-Security-Policy",
                        org.hamcrest.Matchers.containsString("frame-ancestors 'none'")));
    }

    @Test
    void shouldLetTheClientOpenItsOwnDocumentsOnly() throws Exception {
        var u = uploads();

        mvc.perform(get("/api/documents/{id}/content", u.passport()).with(as(u.firm().client())))
                .andExpect(status().isOk());
        mvc.perform(get("/api/documents/{id}/content", u.notes()).with(as(u.firm().client())))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void shouldAnswerAsForAnUnknownDocumentToWhoeverMayNotSeeItsMatter() throws Exception {
        var u = uploads();
        var other = firm();
        long reads = audit.history(u.firm().orgId(), u.clientStep()).size();

        for (UserAccount stranger : List.of(u.firm().outsider(), other.admin())) {
            mvc.perform(get("/api/documents/{id}/content", u.passport()).with(as(stranger)))
                    .andExpect(status().isNotFound())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        }
        mvc.perform(get("/api/documents/{id}/content", UUID.randomUUID()).with(as(u.firm().owner())))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/documents/{id}/content", u.passport())).andExpect(status().isUnauthorized());

        assertThat(audit.history(u.firm().orgId(), u.clientStep())).hasSize((int) reads);
    }

    @Test
    void shouldOpenTheDocumentFromTheRunViewWithTheUiSession() throws Exception {
        var u = uploads();

        mvc.perform(get("/documents/{id}", u.passport())
                        .with(user(users.loadUserByUsername(u.firm().owner().email()))))
                .andExpect(status().isOk())
                .andExpect(content().bytes(PDF))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"));
    }

    @Test
    void shouldListTheMattersDocumentsOnItsDocumentsTabAsTheViewerMayOpenThem() throws Exception {
        var u = uploads();
        String path = "/matters/" + u.firm().matter().id() + "/documents";

        mvc.perform(get(path).with(user(users.loadUserByUsername(u.firm().owner().email()))))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("/documents/" + u.passport())))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("/documents/" + u.notes())));
        mvc.perform(get(path).with(user(users.loadUserByUsername(u.firm().client().email()))))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("/documents/" + u.passport())))
                .andExpect(content().string(org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.containsString("notes.txt"))));
    }
}
