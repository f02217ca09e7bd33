package io.matterflow.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import io.matterflow.action.ActionType;
import io.matterflow.action.DocumentInfo;
import io.matterflow.action.RoleScope;
import io.matterflow.audit.AuditEvent;
import io.matterflow.audit.AuditLog;
import io.matterflow.calendar.DueAnchor;
import io.matterflow.calendar.DueRule;
import io.matterflow.calendar.DueUnit;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Directory;
import io.matterflow.directory.UserAccount;
import io.matterflow.support.FirmSnapshot;
import io.matterflow.support.TestFirm;
import io.matterflow.support.UiRequests;
import tools.jackson.databind.json.JsonMapper;

/**
 * A template leaves one firm as a document and arrives in another as a new draft: the steps as authored, nothing of
 * the source's identity (ids, people, stored files), ready to publish; a document that could not become a publishable
 * draft is a 400 naming its field, and nothing is written. Run on H2 and on PostgreSQL by the subclasses.
 */
abstract class TemplateTransferScenarios {

    static final byte[] PDF = "%PDF-1.4 engagement letter".getBytes(StandardCharsets.US_ASCII);
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    @Autowired
    MockMvc mvc;
    @Autowired
    Directory directory;
    @Autowired
    Templates templates;
    @Autowired
    TemplateDocuments templateDocuments;
    @Autowired
    AuditLog audit;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    UserDetailsService users;
    @Value("${matterflow.documents.storage-dir}")
    String storageDir;

    /**
     * Steps with something of everything the document carries: a due rule of each kind (one naming another step by
     * position), client-visible and optional steps, configs with lists and decimals, and a signature step naming a
     * document stored for the template ({@code documentId}).
     */
    static List<StepDefinition> steps(String documentId) {
        return List.of(
                new StepDefinition("Conflict check", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true,
                        Map.of("approverRole", "LAWYER", "message", "No conflict with Widget Co.?"), false,
                        new DueRule(2, DueUnit.BUSINESS_DAYS, DueAnchor.INSTANCE_START, null, null, null)),
                new StepDefinition("Sign the engagement letter", ActionType.SIGNATURE_CLIENT, RoleScope.CLIENT, true,
                        Map.of("documentId", documentId), false,
                        new DueRule(3, DueUnit.BUSINESS_DAYS, DueAnchor.STEP_COMPLETED, 0, null, null),
                        io.matterflow.condition.Condition.all(io.matterflow.condition.Clause.outcome(0, "APPROVED")),
                        null),
                new StepDefinition("Welcome pack", ActionType.CHECKLIST, RoleScope.PARALEGAL, false,
                        Map.of("items", List.of("Open the client file", "Send the welcome pack")), true,
                        new DueRule(-10, DueUnit.BUSINESS_DAYS, DueAnchor.KEY_DATE, null, null, "Trial"),
                        io.matterflow.condition.Condition.any(
                                io.matterflow.condition.Clause.practiceArea("Litigation").negated(),
                                io.matterflow.condition.Clause.keyDateSet("Trial")), null),
                new StepDefinition("Retainer", ActionType.PAYMENT_CLIENT, RoleScope.CLIENT, true,
                        Map.of("amount", new BigDecimal("1500.50"), "currency", "USD"), true,
                        new DueRule(48, DueUnit.HOURS, DueAnchor.STEP_READY, null, null, null)));
    }

    record Published(TemplateDetails template, PublishedTemplate version, DocumentInfo letter) {
    }

    /** Version 1 of a template whose signature step names the engagement letter stored for it. */
    Published published(TestFirm firm, String name) {
        Actor owner = firm.as(firm.owner());
        var draft = templates.create(owner, name, "Conflict check to retainer", steps("kept-elsewhere.pdf"));
        DocumentInfo letter = templateDocuments.upload(owner, draft.id(),
                () -> new MockMultipartFile("file", "engagement-letter.pdf", "application/pdf", PDF));
        templates.update(owner, draft.id(), new TemplateChanges(null, null, null, steps(letter.id().toString())));
        var template = templates.publish(owner, draft.id());
        return new Published(template, templates.versions(owner, template.id()).get(0), letter);
    }

    @Test
    void shouldCarryAPublishedTemplateIntoAnotherFirmAsADraftThatPublishes() throws Exception {
        TestFirm source = TestFirm.create(directory);
        TestFirm target = TestFirm.create(directory);
        Published p = published(source, "Intake & Onboarding " + UUID.randomUUID().toString().substring(0, 8));

        MockHttpServletResponse exported = mvc.perform(get("/api/workflows/templates/{id}/export", p.template().id())
                .param("version", "1").with(basic(source.paralegal()))).andReturn().getResponse();
        String document = exported.getContentAsString();
        assertThat(exported.getStatus()).as(document).isEqualTo(200);
        assertThat(exported.getHeader(HttpHeaders.CONTENT_DISPOSITION)).isEqualTo("attachment; filename=\""
                + TemplateTransfer.fileName(new TemplateExport(null, p.template().name(), null, null, 1, null, null))
                + "\"").matches("attachment; filename=\"intake-onboarding-[0-9a-f]{8}-v1\\.matterflow\\.json\"");
        assertThat(document).as("no id of the source crosses: template, steps, firm, people, document")
                .doesNotContainPattern(UUID_PATTERN).doesNotContain(source.owner().email());
        assertThat((String) JsonPath.read(document, "$.schema")).isEqualTo("matterflow.template/1");
        assertThat((Integer) JsonPath.read(document, "$.sourceVersion")).isEqualTo(1);
        assertThat((String) JsonPath.read(document, "$.steps[1].actionConfig.documentId"))
                .isEqualTo("engagement-letter.pdf");
        List<String> notes = JsonPath.read(document, "$.notes");
        assertThat(notes).singleElement().asString().startsWith("steps[1].actionConfig.documentId:")
                .contains("engagement-letter.pdf");
        assertThat(audit.stream(source.orgId(), p.template().id()))
                .filteredOn(e -> e.action().equals("template.export")).singleElement()
                .satisfies(e -> assertThat(e.actorId()).isEqualTo(source.paralegal().id().toString()));

        MockHttpServletResponse imported = mvc.perform(post("/api/workflows/templates/import")
                .contentType(MediaType.APPLICATION_JSON).content(document).with(basic(target.owner())))
                .andReturn().getResponse();
        assertThat(imported.getStatus()).as(imported.getContentAsString()).isEqualTo(201);
        UUID id = UUID.fromString(JsonPath.read(imported.getContentAsString(), "$.id"));
        assertThat(imported.getHeader(HttpHeaders.LOCATION)).isEqualTo("/api/workflows/templates/" + id);

        Actor owner = target.as(target.owner());
        TemplateDetails draft = templates.get(owner, id);
        assertThat(draft.orgId()).isEqualTo(target.orgId());
        assertThat(draft.createdById()).isEqualTo(target.owner().id());
        assertThat(draft.version()).isZero();
        assertThat(draft.name()).isEqualTo(p.version().name());
        assertThat(draft.description()).isEqualTo(p.template().description());
        List<TemplateStep> expected = new ArrayList<>(p.version().steps());
        TemplateStep signature = expected.get(1);
        expected.set(1, new TemplateStep(signature.id(), signature.order(), signature.title(), signature.actionType(),
                signature.roleScope(), signature.required(), Map.of("documentId", "engagement-letter.pdf"),
                signature.clientVisible(), signature.dueRule(), signature.condition()));
        assertThat(draft.steps()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("id")
                .containsExactlyElementsOf(expected);
        assertThat(draft.steps()).extracting(TemplateStep::id)
                .doesNotContainAnyElementsOf(p.version().steps().stream().map(TemplateStep::id).toList());
        assertThat(audit.stream(target.orgId(), id)).extracting(AuditEvent::action)
                .containsExactly("template.create", "template.import");

        assertThat(templates.publish(owner, id).version()).as("the imported draft publishes").isEqualTo(1);
    }

    @Test
    void shouldExportTheDraftWhenNoVersionIsNamed() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        Published p = published(firm, "Draft export " + UUID.randomUUID());
        templates.update(firm.as(firm.owner()), p.template().id(), new TemplateChanges("Renamed", null, null,
                List.of(new StepDefinition("Only step", ActionType.CHECKLIST, RoleScope.PARALEGAL, true,
                        Map.of("items", List.of("Done"))))));

        MockHttpServletResponse draft = mvc.perform(get("/api/workflows/templates/{id}/export", p.template().id())
                .with(basic(firm.owner()))).andReturn().getResponse();
        assertThat(draft.getStatus()).isEqualTo(200);
        assertThat(draft.getHeader(HttpHeaders.CONTENT_DISPOSITION))
                .isEqualTo("attachment; filename=\"renamed-draft.matterflow.json\"");
        String body = draft.getContentAsString();
        assertThat((Object) JsonPath.read(body, "$.sourceVersion")).isNull();
        assertThat((List<?>) JsonPath.read(body, "$.steps")).hasSize(1);
        assertThat((List<?>) JsonPath.read(body, "$.notes")).isEmpty();

        MockHttpServletResponse unknown = mvc.perform(get("/api/workflows/templates/{id}/export", p.template().id())
                .param("version", "2").with(basic(firm.owner()))).andReturn().getResponse();
        assertThat(unknown.getStatus()).isEqualTo(400);
        assertThat((String) JsonPath.read(unknown.getContentAsString(), "$.errors[0].field")).isEqualTo("version");
        assertThat(audit.stream(firm.orgId(), p.template().id()))
                .filteredOn(e -> e.action().equals("template.export")).hasSize(1);
    }

    /** A valid document, as an export writes it, to spoil one field at a time. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> document() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("schema", "matterflow.template/1");
        document.put("name", "Imported intake");
        document.put("description", null);
        document.put("exportedAt", "2026-03-02T09:10:00Z");
        document.put("sourceVersion", 1);
        List<Map<String, Object>> steps = JSON.convertValue(steps("engagement-letter.pdf"), List.class);
        steps.forEach(step -> step.remove("id")); // a step's id stays in its firm
        document.put("steps", steps);
        document.put("notes", List.of());
        return document;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> step(Map<String, Object> document, int index) {
        return ((List<Map<String, Object>>) document.get("steps")).get(index);
    }

    static Arguments bad(String name, String field, Consumer<Map<String, Object>> spoil) {
        return Arguments.of(name, field, spoil);
    }

    @SuppressWarnings("unchecked")
    static Stream<Arguments> badDocuments() {
        return Stream.of(
                bad("an unknown schema", "schema", d -> d.put("schema", "matterflow.template/2")),
                bad("a later schema with fields this one does not know", "schema", d -> {
                    d.put("schema", "matterflow.template/2");
                    step(d, 0).put("condition", Map.of("step", 1));
                }),
                bad("no schema", "schema", d -> d.remove("schema")),
                bad("a blank name", "name", d -> d.put("name", " ")),
                bad("no steps", "steps", d -> d.put("steps", List.of())),
                bad("steps an object", "steps", d -> d.put("steps", Map.of())),
                bad("over 100 steps", "steps", d -> d.put("steps", java.util.Collections.nCopies(101,
                        Map.of("title", "Check", "actionType", "CHECKLIST", "roleScope", "PARALEGAL",
                                "actionConfig", Map.of("items", List.of("a")))))),
                bad("a step without a title", "steps[2].title", d -> step(d, 2).put("title", "")),
                bad("a config its handler refuses", "steps[0].actionConfig.approverRole",
                        d -> step(d, 0).put("actionConfig", Map.of("approverRole", "JUDGE"))),
                bad("a payment of nothing", "steps[3].actionConfig.amount",
                        d -> step(d, 3).put("actionConfig", Map.of("amount", -5, "currency", "USD"))),
                bad("an unknown action type", "steps[0].actionType", d -> step(d, 0).put("actionType", "FAX")),
                bad("a due rule naming its own step", "steps[1].dueRule.step",
                        d -> ((Map<String, Object>) step(d, 1).get("dueRule")).put("step", 1)),
                bad("a due rule naming the other step by id", "steps[1].dueRule.stepId",
                        d -> ((Map<String, Object>) step(d, 1).get("dueRule")).put("stepId", UUID.randomUUID())),
                bad("a stored document of no template here", "steps[1].actionConfig.documentId",
                        d -> step(d, 1).put("actionConfig", Map.of("documentId", UUID.randomUUID().toString()))),
                bad("required a string", "steps[0].required", d -> step(d, 0).put("required", "yes")),
                bad("a step a number", "steps[0]", d -> ((List<Object>) d.get("steps")).set(0, 5)),
                bad("an unknown field", "colour", d -> d.put("colour", "red")),
                bad("an unknown field in a step", "steps[0].position", d -> step(d, 0).put("position", 1)),
                bad("a step's id", "steps[3].id", d -> step(d, 3).put("id", UUID.randomUUID())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDocuments")
    void shouldRefuseADocumentThatCannotBecomeAPublishableDraft(String name, String field,
                                                                Consumer<Map<String, Object>> spoil) throws Exception {
        TestFirm firm = TestFirm.create(directory);
        Map<String, Object> document = document();
        spoil.accept(document);
        Map<String, Object> before = new FirmSnapshot(jdbc, Path.of(storageDir)).of(firm.orgId());

        MockHttpServletResponse response = mvc.perform(post("/api/workflows/templates/import")
                .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(document))
                .with(basic(firm.owner()))).andReturn().getResponse();

        String body = response.getContentAsString();
        assertThat(response.getStatus()).as(body).isEqualTo(400);
        assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        List<String> fields = JsonPath.read(body, "$.errors[*].field");
        assertThat(fields).as(body).contains(field);
        assertThat(new FirmSnapshot(jdbc, Path.of(storageDir)).of(firm.orgId())).as("nothing written")
                .isEqualTo(before);
    }

    /** The page's import: a good file goes to the new draft's builder, a bad one is listed on the list page. */
    @Test
    void shouldImportAFileFromTheListPage() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        var ui = new UiRequests(mvc, users);
        String good = JSON.writeValueAsString(document());

        MockHttpServletResponse created = ui.htmx(multipart("/workflows/templates/import")
                .file(new MockMultipartFile("file", "intake-v1.matterflow.json", "application/json",
                        good.getBytes(StandardCharsets.UTF_8))), firm.owner());
        assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(200);
        assertThat(created.getHeader("HX-Redirect")).matches("/workflows/templates/" + UUID_PATTERN);

        Map<String, Object> document = document();
        step(document, 2).put("title", "");
        document.put("colour", "red");
        Map<String, Object> before = new FirmSnapshot(jdbc, Path.of(storageDir)).of(firm.orgId());
        MockHttpServletResponse refused = ui.htmx(multipart("/workflows/templates/import")
                .file(new MockMultipartFile("file", "intake.matterflow.json", "application/json",
                        "{\"schema\": \"matterflow.template/1\", \"steps\": [".getBytes(StandardCharsets.UTF_8))),
                firm.owner());
        assertThat(refused.getStatus()).isEqualTo(200);
        assertThat(refused.getContentAsString()).contains("id=\"import-errors\"").contains("not well-formed JSON");
        MockHttpServletResponse invalid = ui.htmx(multipart("/workflows/templates/import")
                .file(new MockMultipartFile("file", "intake.matterflow.json", "application/json",
                        JSON.writeValueAsBytes(document))), firm.owner());
        assertThat(invalid.getContentAsString()).contains("id=\"import-errors\"").contains("colour: is not a known field");
        assertThat(new FirmSnapshot(jdbc, Path.of(storageDir)).of(firm.orgId())).isEqualTo(before);
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor basic(UserAccount user) {
        return httpBasic(user.email(), "pw");
    }
}
