package io.matterflow.api;

import static io.matterflow.support.Workflows.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.demo.DemoData;
import io.matterflow.directory.Actor;
import io.matterflow.directory.MatterDetails;
import io.matterflow.directory.Role;
import io.matterflow.directory.UserAccount;
import io.matterflow.instance.InstanceDetails;
import io.matterflow.instance.StepDetails;
import io.matterflow.instance.StepRuntime;
import io.matterflow.instance.WorkflowStatus;
import io.matterflow.support.PostgresTest;
import io.matterflow.support.TestFirm;
import io.matterflow.template.TemplateDetails;

/** The API end to end over HTTP on PostgreSQL: templates, instances, step execution, permissions, audit, inbox. */
@PostgresTest
@AutoConfigureMockMvc
class ApiFlowTests extends ApiTestSupport {

    private static final String TEMPLATES = "/api/workflows/templates";
    private static final String INSTANCES = "/api/workflows/instances";
    private static final String STEPS = "/api/workflows/steps";

    @Autowired
    StepRuntime runtime;

    // ---------------------------------------------------------------------------------------------- templates

    @Test
    void shouldCreateATemplateAsAnActiveDraftWithVersionZero() throws Exception {
        var firm = firm();
        var created = mvc.perform(post(TEMPLATES).with(as(firm.owner())).contentType(MediaType.APPLICATION_JSON)
                        .content(json(Map.of("name", "Intake", "description", "New clients", "steps", List.of(
                                stepJson("Conflict check", "APPROVAL_LAWYER", "LAWYER", true, Map.of()),
                                stepJson("Welcome", "CHECKLIST", "PARALEGAL", false, Map.of("items", List.of("Call"))))))))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.name").value("Intake"))
                .andExpect(jsonPath("$.description").value("New clients"))
                .andExpect(jsonPath("$.version").value(0))
                .andExpect(jsonPath("$.isActive").value(true))
                .andExpect(jsonPath("$.orgId").value(firm.orgId().toString()))
                .andExpect(jsonPath("$.createdById").value(firm.owner().id().toString()))
                .andExpect(jsonPath("$.steps[*].title").value(contains("Conflict check", "Welcome")))
                .andExpect(jsonPath("$.steps[*].order").value(contains(0, 1)))
                .andExpect(jsonPath("$.steps[1].required").value(false))
                .andExpect(jsonPath("$.steps[1].actionConfig.items").value(contains("Call")))
                .andReturn();
        UUID id = id(created, "$.id");
        assertThat(created.getResponse().getHeader("Location")).isEqualTo(TEMPLATES + "/" + id);

        mvc.perform(get(TEMPLATES + "/" + id).with(as(firm.paralegal())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(0))
                .andExpect(jsonPath("$.steps", hasSize(2)));
    }

    @Test
    void shouldEditTheNameDescriptionFlagAndDraftStepsWithPatch() throws Exception {
        var firm = firm();
        UUID id = createTemplate(firm, stepJson("Old step", "CHECKLIST", "PARALEGAL", true, Map.of()));

        mvc.perform(patch(TEMPLATES + "/" + id).with(as(firm.admin())).contentType(MediaType.APPLICATION_JSON)
                        .content(json(Map.of("name", "Renamed", "description", "Edited", "isActive", false,
                                "steps", List.of(stepJson("New first", "APPROVAL_LAWYER", "LAWYER", true, Map.of()),
                                        stepJson("New second", "CHECKLIST", "PARALEGAL", true, Map.of()))))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Renamed"))
                .andExpect(jsonPath("$.description").value("Edited"))
                .andExpect(jsonPath("$.isActive").value(false))
                .andExpect(jsonPath("$.version").value(0))
                .andExpect(jsonPath("$.steps[*].title").value(contains("New first", "New second")));

        mvc.perform(get(TEMPLATES + "/" + id).with(as(firm.owner())))
                .andExpect(jsonPath("$.name").value("Renamed"))
                .andExpect(jsonPath("$.steps[*].title").value(contains("New first", "New second")));
    }

    @Test
    void shouldPublishVersionOneAndVersionTwoAfterADraftEditAndListBoth() throws Exception {
        var firm = firm();
        UUID id = createTemplate(firm, stepJson("First draft step", "CHECKLIST", "PARALEGAL", true, Map.of()));

        mvc.perform(post(TEMPLATES + "/" + id + "/publish").with(as(firm.owner())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(1));
        mvc.perform(patch(TEMPLATES + "/" + id).with(as(firm.owner())).contentType(MediaType.APPLICATION_JSON)
                        .content(json(Map.of("steps", List.of(
                                stepJson("Second draft step", "APPROVAL_LAWYER", "LAWYER", true, Map.of()),
                                stepJson("Added step", "CHECKLIST", "PARALEGAL", false, Map.of()))))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(1));
        mvc.perform(post(TEMPLATES + "/" + id + "/publish").with(as(firm.admin())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(2));

        mvc.perform(get(TEMPLATES + "/" + id + "/versions").with(as(firm.paralegal())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].version").value(contains(2, 1)))
                .andExpect(jsonPath("$[0].publishedById").value(firm.admin().id().toString()))
                .andExpect(jsonPath("$[0].steps[*].title").value(contains("Second draft step", "Added step")))
                .andExpect(jsonPath("$[1].publishedById").value(firm.owner().id().toString()))
                .andExpect(jsonPath("$[1].steps[*].title").value(contains("First draft step")));
    }

    // ---------------------------------------------------------------------------------------------- instances

    @Test
    void shouldInstantiateWithEveryStepUpToTheFirstRequiredOneReady() throws Exception {
        var firm = firm();
        TemplateDetails template = workflows.published(firm,
                step("Optional intro", ActionType.CHECKLIST, RoleScope.PARALEGAL, false),
                step("Conflict check", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true),
                step("Optional note", ActionType.CHECKLIST, RoleScope.PARALEGAL, false),
                step("Engagement", ActionType.CHECKLIST, RoleScope.LAWYER, true));

        var created = mvc.perform(post(TEMPLATES + "/" + template.id() + "/instantiate").with(as(firm.owner()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json(Map.of("matterId", firm.matter().id(), "title", "Intake for the matter"))))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.title").value("Intake for the matter"))
                .andExpect(jsonPath("$.templateId").value(template.id().toString()))
                .andExpect(jsonPath("$.templateVersion").value(1))
                .andExpect(jsonPath("$.matterId").value(firm.matter().id().toString()))
                .andExpect(jsonPath("$.steps[*].title").value(
                        contains("Optional intro", "Conflict check", "Optional note", "Engagement")))
                .andExpect(jsonPath("$.steps[*].actionState").value(contains("READY", "READY", "PENDING", "PENDING")))
                .andReturn();
        assertThat(created.getResponse().getHeader("Location")).isEqualTo(INSTANCES + "/" + id(created, "$.id"));
    }

    @Test
    void shouldInstantiateADraftWithActivateFalseAndStartItWithPatch() throws Exception {
        var firm = firm();
        TemplateDetails template = workflows.published(firm,
                step("Check", ActionType.CHECKLIST, RoleScope.PARALEGAL, true),
                step("Approve", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true));

        var draft = mvc.perform(post(TEMPLATES + "/" + template.id() + "/instantiate").with(as(firm.associate()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json(Map.of("matterId", firm.matter().id(), "activate", false))))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("DRAFT"))
                .andExpect(jsonPath("$.title").value(template.name()))
                .andExpect(jsonPath("$.steps[*].actionState").value(contains("PENDING", "PENDING")))
                .andReturn();
        UUID id = id(draft, "$.id");

        mvc.perform(patch(INSTANCES + "/" + id).with(as(firm.owner())).contentType(MediaType.APPLICATION_JSON)
                        .content(json(Map.of("status", "ACTIVE"))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.steps[*].actionState").value(contains("READY", "PENDING")));
    }

    /** The instance edits of the permission table: rename, pause, resume, cancel, add, edit, move, remove steps. */
    enum Edit {
        RENAME, PAUSE, RESUME, CANCEL, ADD_STEP, EDIT_STEP, MOVE_STEP, REMOVE_STEP
    }

    static Stream<Arguments> editsByAdminAndOwner() {
        return Stream.of(Edit.values()).flatMap(edit -> Stream.of(Arguments.of("admin", edit),
                Arguments.of("owner", edit)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("editsByAdminAndOwner")
    void shouldLetTheAdminAndTheMatterOwnerEditAnInstance(String who, Edit edit) throws Exception {
        var firm = firm();
        var instance = editableInstance(firm);
        prepare(firm, instance, edit);
        UserAccount editor = who.equals("admin") ? firm.admin() : firm.owner();

        var result = mvc.perform(request(edit, instance).with(as(editor)))
                .andExpect(status().is(edit == Edit.ADD_STEP ? 201 : 200))
                .andReturn();

        List<StepDetails> steps = instance.steps();
        switch (edit) {
            case RENAME -> assertThat((String) read(result, "$.title")).isEqualTo("Renamed workflow");
            case PAUSE -> assertThat((String) read(result, "$.status")).isEqualTo("PAUSED");
            case RESUME -> assertThat((String) read(result, "$.status")).isEqualTo("ACTIVE");
            case CANCEL -> assertThat((String) read(result, "$.status")).isEqualTo("CANCELED");
            case ADD_STEP -> assertThat((List<String>) read(result, "$.steps[*].title"))
                    .containsExactly("Conflict check", "Sanctions screening", "Engagement", "Passport");
            case EDIT_STEP -> {
                assertThat((String) read(result, "$.steps[1].title")).isEqualTo("Engagement letter");
                assertThat((Boolean) read(result, "$.steps[1].required")).isFalse();
            }
            case MOVE_STEP -> assertThat((List<String>) read(result, "$.steps[*].id")).containsExactly(
                    steps.get(2).id().toString(), steps.get(0).id().toString(), steps.get(1).id().toString());
            case REMOVE_STEP -> assertThat((List<String>) read(result, "$.steps[*].title"))
                    .containsExactly("Conflict check", "Engagement");
        }
        // what the answer said is what is stored
        var stored = mvc.perform(get(INSTANCES + "/" + instance.id()).with(as(firm.admin()))).andReturn();
        assertThat(shape(stored)).isEqualTo(shape(result));
    }

    static Stream<Arguments> editsByOthers() {
        return Stream.of(Edit.values()).flatMap(edit -> Stream.of(Arguments.of("associate", edit),
                Arguments.of("paralegal", edit), Arguments.of("client", edit)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("editsByOthers")
    void shouldRefuseInstanceEditsByAnyoneButTheAdminAndTheOwner(String who, Edit edit) throws Exception {
        var firm = firm();
        var instance = editableInstance(firm);
        prepare(firm, instance, edit);
        UserAccount caller = switch (who) {
            case "associate" -> firm.associate();
            case "paralegal" -> firm.paralegal();
            default -> firm.client();
        };
        String before = body(mvc.perform(get(INSTANCES + "/" + instance.id()).with(as(firm.admin()))).andReturn());
        var written = written(firm.orgId());

        mvc.perform(request(edit, instance).with(as(caller)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

        mvc.perform(get(INSTANCES + "/" + instance.id()).with(as(firm.admin())))
                .andExpect(content().string(before));
        assertThat(written(firm.orgId())).isEqualTo(written);
    }

    private InstanceDetails editableInstance(TestFirm firm) {
        return workflows.instance(firm,
                step("Conflict check", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true),
                step("Engagement", ActionType.CHECKLIST, RoleScope.PARALEGAL, true),
                step("Passport", ActionType.REQUEST_DOC_CLIENT, RoleScope.CLIENT, true,
                        Map.of("requestText", "Your passport, please")));
    }

    private void prepare(TestFirm firm, InstanceDetails instance, Edit edit) {
        if (edit == Edit.RESUME) {
            instances.update(firm.as(firm.admin()), instance.id(), null, WorkflowStatus.PAUSED);
        }
    }

    /** An instance's title, status and steps (id, order, title, state, required), without timestamps. */
    private static List<Object> shape(MvcResult result) throws Exception {
        return List.of(read(result, "$.title"), read(result, "$.status"), read(result, "$.steps[*].id"),
                read(result, "$.steps[*].order"), read(result, "$.steps[*].title"),
                read(result, "$.steps[*].actionState"), read(result, "$.steps[*].required"));
    }

    private static MockHttpServletRequestBuilder request(Edit edit, InstanceDetails instance) {
        String path = INSTANCES + "/" + instance.id();
        List<StepDetails> steps = instance.steps();
        return switch (edit) {
            case RENAME -> jsonRequest(patch(path), Map.of("title", "Renamed workflow"));
            case PAUSE -> jsonRequest(patch(path), Map.of("status", "PAUSED"));
            case RESUME -> jsonRequest(patch(path), Map.of("status", "ACTIVE"));
            case CANCEL -> jsonRequest(patch(path), Map.of("status", "CANCELED"));
            case ADD_STEP -> jsonRequest(post(path + "/steps"), Map.of("title", "Sanctions screening",
                    "actionType", "CHECKLIST", "roleScope", "PARALEGAL", "required", true, "order", 1));
            case EDIT_STEP -> jsonRequest(patch(path + "/steps/" + steps.get(1).id()),
                    Map.of("title", "Engagement letter", "required", false));
            case MOVE_STEP -> jsonRequest(patch(path + "/steps/" + steps.get(2).id()), Map.of("order", 0));
            case REMOVE_STEP -> delete(path + "/steps/" + steps.get(2).id());
        };
    }

    // ---------------------------------------------------------------------------------------------- execution

    @Test
    void shouldCompleteAReadyChecklistInlineAndMakeTheNextStepReady() throws Exception {
        var firm = firm();
        var instance = workflows.instance(firm,
                step("Open the file", ActionType.CHECKLIST, RoleScope.PARALEGAL, true,
                        Map.of("items", List.of("Create folder", "Add to billing"))),
                step("Conflict check", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true));
        UUID checklist = instance.steps().get(0).id();

        mvc.perform(post(STEPS + "/" + checklist + "/complete").with(as(firm.paralegal()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json(Map.of("checked", List.of("Create folder", "Add to billing")))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.actionState").value("COMPLETED"))
                .andExpect(jsonPath("$.assignedToId").value(firm.paralegal().id().toString()))
                .andExpect(jsonPath("$.startedAt").isNotEmpty())
                .andExpect(jsonPath("$.completedAt").isNotEmpty())
                .andExpect(jsonPath("$.actionData.checked").value(contains("Create folder", "Add to billing")));

        mvc.perform(get(INSTANCES + "/" + instance.id()).with(as(firm.owner())))
                .andExpect(jsonPath("$.steps[*].actionState").value(contains("COMPLETED", "READY")));
        mvc.perform(get(STEPS + "/" + checklist + "/history").with(as(firm.owner())))
                .andExpect(jsonPath("$[*].action").value(contains("step.ready", "step.start", "step.complete")));
    }

    /** The ids of one HTTP run of the demo template on the demo matter. */
    record DemoRun(UUID orgId, UUID instanceId, List<UUID> steps, UUID lawyer, UUID client, UUID paralegal,
                   UUID documentId) {
    }

    @Test
    void shouldRunTheDemoTemplateOnTheDemoMatterToCompletionOverHttp() throws Exception {
        var run = runDemo();

        mvc.perform(get(INSTANCES + "/" + run.instanceId()).with(demo(DemoData.LAWYER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("COMPLETED"))
                .andExpect(jsonPath("$.completedAt").isNotEmpty())
                .andExpect(jsonPath("$.steps[*].actionState").value(
                        contains("COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED")))
                .andExpect(jsonPath("$.steps[0].actionData.approved").value(true))
                .andExpect(jsonPath("$.steps[1].actionData.signatureOutcome").value("SIGNED"))
                .andExpect(jsonPath("$.steps[2].actionData.documentIds").value(contains(run.documentId().toString())))
                .andExpect(jsonPath("$.steps[3].actionData.paymentStatus").value("SUCCEEDED"))
                .andExpect(jsonPath("$.steps[4].assignedToId").value(run.paralegal().toString()));
        mvc.perform(get(STEPS + "/" + run.steps().get(2) + "/documents").with(demo(DemoData.LAWYER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id").value(contains(run.documentId().toString())))
                .andExpect(jsonPath("$[0].name").value("passport.pdf"))
                .andExpect(jsonPath("$[0].contentType").value("application/pdf"));
    }

    @Test
    void shouldAuditEveryTransitionOfTheDemoRunExactlyOnceAndVerifyTheChain() throws Exception {
        var run = runDemo();

        var trail = mvc.perform(get(INSTANCES + "/" + run.instanceId() + "/audit").with(demo(DemoData.LAWYER)))
                .andExpect(status().isOk())
                .andReturn();
        List<Map<String, Object>> events = read(trail, "$");
        Map<String, String> names = new LinkedHashMap<>();
        names.put(run.instanceId().toString(), "instance");
        List<String> stepNames = List.of("approval", "signature", "document", "payment", "checklist");
        for (int i = 0; i < stepNames.size(); i++) {
            names.put(run.steps().get(i).toString(), stepNames.get(i));
        }
        Map<String, String> actors = Map.of(run.lawyer().toString(), "lawyer", run.client().toString(), "client",
                run.paralegal().toString(), "paralegal", "system", "system", "mock", "mock");
        List<String> described = new ArrayList<>();
        for (Map<String, Object> e : events) {
            described.add(e.get("action") + " " + names.get((String) e.get("entityId")) + " " + e.get("fromState")
                    + "->" + e.get("toState") + " " + actors.get((String) e.get("actorId")));
        }
        assertThat(described).containsExactly(
                "instance.create instance null->ACTIVE lawyer",
                "step.ready approval PENDING->READY system",
                "step.due approval null->null system",
                "step.due signature null->null system",
                "step.due payment null->null system",
                "step.start approval READY->IN_PROGRESS lawyer",
                "step.complete approval IN_PROGRESS->COMPLETED lawyer",
                "step.ready signature PENDING->READY system",
                "step.due signature null->null system",
                "step.start signature READY->IN_PROGRESS client",
                "step.complete signature IN_PROGRESS->COMPLETED client",
                "step.ready document PENDING->READY system",
                "step.start document READY->IN_PROGRESS client",
                "step.document-upload document IN_PROGRESS->IN_PROGRESS client",
                "step.complete document IN_PROGRESS->COMPLETED client",
                "step.ready payment PENDING->READY system",
                "step.start payment READY->IN_PROGRESS client",
                "step.complete payment IN_PROGRESS->COMPLETED mock",
                "step.ready checklist PENDING->READY system",
                "step.start checklist READY->IN_PROGRESS paralegal",
                "step.complete checklist IN_PROGRESS->COMPLETED paralegal",
                "instance.complete instance ACTIVE->COMPLETED system");
        assertThat(events).extracting(e -> ((Number) e.get("seq")).longValue())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, events.size()).boxed().toList());

        mvc.perform(get("/api/audit/verify").with(demo(DemoData.ADMIN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.valid").value(true))
                .andExpect(jsonPath("$.firstBadEventId").value(nullValue()));
    }

    @Test
    void shouldReportATamperedAuditEventOfTheDemoRunAsInvalid() throws Exception {
        var run = runDemo();
        var trail = mvc.perform(get(INSTANCES + "/" + run.instanceId() + "/audit").with(demo(DemoData.ADMIN)))
                .andReturn();
        List<String> approvals = read(trail, "$[?(@.action == 'step.complete' && @.entityId == '"
                + run.steps().get(0) + "')].id");
        UUID tampered = UUID.fromString(approvals.get(0));
        String original = jdbc.queryForObject("select actor_name from audit_events where id = ?", String.class, tampered);

        // the demo firm is shared by every test of this JVM: the row is put back whatever happens
        jdbc.update("update audit_events set actor_name = ? where id = ?", "Mallory", tampered);
        try {
            mvc.perform(get("/api/audit/verify").with(demo(DemoData.ADMIN)))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.valid").value(false))
                    .andExpect(jsonPath("$.firstBadEventId").value(tampered.toString()))
                    .andExpect(jsonPath("$.firstBadStreamId").value(run.instanceId().toString()))
                    .andExpect(jsonPath("$.reason").value(containsString("edited")));
        } finally {
            jdbc.update("update audit_events set actor_name = ? where id = ?", original, tampered);
        }
        mvc.perform(get("/api/audit/verify").with(demo(DemoData.ADMIN)))
                .andExpect(jsonPath("$.valid").value(true));
    }

    /**
     * Drives the demo template on the demo matter through HTTP: the lawyer approves, the client signs, uploads a PDF
     * and starts the payment, the paralegal ticks the checklist.
     */
    private DemoRun runDemo() throws Exception {
        UserAccount lawyer = directory.findUserByEmail(DemoData.LAWYER).orElseThrow();
        UserAccount client = directory.findUserByEmail(DemoData.CLIENT).orElseThrow();
        UserAccount paralegal = directory.findUserByEmail(DemoData.PARALEGAL).orElseThrow();
        UUID org = lawyer.orgId();

        var templateList = mvc.perform(get(TEMPLATES).param("q", DemoData.TEMPLATE_NAME).with(demo(DemoData.LAWYER)))
                .andExpect(status().isOk()).andReturn();
        UUID template = UUID.fromString(JsonPathFirst.of(templateList,
                "$.items[?(@.name == '" + DemoData.TEMPLATE_NAME + "')].id"));
        var matterList = mvc.perform(get("/api/matters").with(demo(DemoData.LAWYER))).andExpect(status().isOk())
                .andReturn();
        UUID matter = UUID.fromString(JsonPathFirst.of(matterList,
                "$.items[?(@.reference == '" + DemoData.MATTER_REFERENCE + "')].id"));

        var created = mvc.perform(jsonRequest(post(TEMPLATES + "/" + template + "/instantiate"),
                        Map.of("matterId", matter, "title", "Intake over HTTP")).with(demo(DemoData.LAWYER)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.steps[*].actionType").value(contains("APPROVAL_LAWYER", "SIGNATURE_CLIENT",
                        "REQUEST_DOC_CLIENT", "PAYMENT_CLIENT", "CHECKLIST")))
                .andExpect(jsonPath("$.steps[*].actionState").value(
                        contains("READY", "PENDING", "PENDING", "PENDING", "PENDING")))
                .andReturn();
        UUID instance = id(created, "$.id");
        List<UUID> steps = ((List<String>) read(created, "$.steps[*].id")).stream().map(UUID::fromString).toList();

        // 1. the owner lawyer approves the conflict check
        mvc.perform(post(STEPS + "/" + steps.get(0) + "/start").with(demo(DemoData.LAWYER)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.actionState").value("IN_PROGRESS"));
        mvc.perform(jsonRequest(post(STEPS + "/" + steps.get(0) + "/complete"),
                        Map.of("approved", true, "comment", "No conflict")).with(demo(DemoData.LAWYER)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.actionState").value("COMPLETED"));

        // 2. the client starts the signature and completes it with the session id
        var signing = mvc.perform(post(STEPS + "/" + steps.get(1) + "/start").with(demo(DemoData.CLIENT)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.actionData.signingUrl").isNotEmpty())
                .andReturn();
        String session = read(signing, "$.actionData.signatureSessionId");
        mvc.perform(jsonRequest(post(STEPS + "/" + steps.get(1) + "/complete"),
                        Map.of("signatureSessionId", session)).with(demo(DemoData.CLIENT)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.actionState").value("COMPLETED"));

        // 3. the client opens the document request, uploads a PDF and completes with its id
        mvc.perform(post(STEPS + "/" + steps.get(2) + "/start").with(demo(DemoData.CLIENT)))
                .andExpect(status().isOk());
        byte[] pdf = "%PDF-1.4 passport of Clara Client".getBytes();
        var upload = mvc.perform(multipart(STEPS + "/" + steps.get(2) + "/documents")
                        .file(new MockMultipartFile("file", "passport.pdf", "application/pdf", pdf))
                        .with(demo(DemoData.CLIENT)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.name").value("passport.pdf"))
                .andExpect(jsonPath("$.contentType").value("application/pdf"))
                .andExpect(jsonPath("$.size").value(pdf.length))
                .andReturn();
        UUID document = id(upload, "$.id");
        mvc.perform(jsonRequest(post(STEPS + "/" + steps.get(2) + "/complete"),
                        Map.of("documentIds", List.of(document))).with(demo(DemoData.CLIENT)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.actionState").value("COMPLETED"));

        // 4. the client starts the payment; only the payment provider can confirm it, and the provider's webhook is
        // not part of the HTTP API yet, so its confirmation goes through StepRuntime with a provider actor
        var paying = mvc.perform(post(STEPS + "/" + steps.get(3) + "/start").with(demo(DemoData.CLIENT)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.actionData.paymentIntentId").isNotEmpty())
                .andReturn();
        runtime.complete(Actor.provider(org, "mock"), steps.get(3), Map.of(
                "paymentIntentId", read(paying, "$.actionData.paymentIntentId"), "status", "SUCCEEDED",
                "amount", new BigDecimal("1500.00"), "currency", "USD"));

        // 5. the paralegal ticks the onboarding checklist straight from READY
        mvc.perform(jsonRequest(post(STEPS + "/" + steps.get(4) + "/complete"), Map.of("checked", List.of(
                        "Open the client file", "Add the client to billing", "Send the welcome pack")))
                        .with(demo(DemoData.PARALEGAL)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.actionState").value("COMPLETED"));

        return new DemoRun(org, instance, steps, lawyer.id(), client.id(), paralegal.id(), document);
    }

    // ---------------------------------------------------------------------------------------------- idempotency

    @Test
    void shouldReplayARepeatedIdempotencyKeyWithTheFirstAnswerAndNoSecondAuditEvent() throws Exception {
        var firm = firm();
        var instance = workflows.instance(firm, step("Conflict check", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true));
        UUID stepId = instance.steps().get(0).id();

        var first = mvc.perform(post(STEPS + "/" + stepId + "/claim").with(as(firm.owner()))
                        .header("Idempotency-Key", "claim-" + stepId))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist("Idempotent-Replayed"))
                .andExpect(jsonPath("$.assignedToId").value(firm.owner().id().toString()))
                .andReturn();
        var written = written(firm.orgId());

        mvc.perform(post(STEPS + "/" + stepId + "/claim").with(as(firm.owner()))
                        .header("Idempotency-Key", "claim-" + stepId))
                .andExpect(status().isOk())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andExpect(content().string(body(first)));

        assertThat(written(firm.orgId())).isEqualTo(written);
        mvc.perform(get(STEPS + "/" + stepId + "/history").with(as(firm.owner())))
                .andExpect(jsonPath("$[*].action").value(contains("step.ready", "step.claim")));
    }

    @Test
    void shouldRefuseAnIdempotencyKeyReusedWithADifferentBody() throws Exception {
        var firm = firm();
        var instance = workflows.instance(firm, step("Open the file", ActionType.CHECKLIST, RoleScope.PARALEGAL, true,
                Map.of("items", List.of("Create folder", "Add to billing"))));
        UUID stepId = instance.steps().get(0).id();
        mvc.perform(jsonRequest(post(STEPS + "/" + stepId + "/complete"),
                        Map.of("checked", List.of("Create folder", "Add to billing")))
                        .with(as(firm.paralegal())).header("Idempotency-Key", "tick-1"))
                .andExpect(status().isOk());
        var written = written(firm.orgId());

        mvc.perform(jsonRequest(post(STEPS + "/" + stepId + "/complete"), Map.of("checked", List.of("Create folder")))
                        .with(as(firm.paralegal())).header("Idempotency-Key", "tick-1"))
                .andExpect(status().is(422))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().doesNotExist("Idempotent-Replayed"));

        assertThat(written(firm.orgId())).isEqualTo(written);
    }

    // ---------------------------------------------------------------------------------------------- inbox

    /** Two matters of one firm with the same owner, each with its own client, each with an instance. */
    record InboxFixture(TestFirm firm, UserAccount otherClient, InstanceDetails mine, InstanceDetails theirs) {
    }

    private InboxFixture inboxFixture() {
        var firm = firm();
        var template = workflows.published(firm,
                step("Review", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, false),
                step("Passport", ActionType.REQUEST_DOC_CLIENT, RoleScope.CLIENT, true,
                        Map.of("requestText", "Your passport, please")),
                step("Open the file", ActionType.CHECKLIST, RoleScope.PARALEGAL, true));
        var otherClient = directory.createUser(firm.orgId(), "other-client-" + UUID.randomUUID() + "@firm.test",
                "Other client", Role.CLIENT, PASSWORD);
        MatterDetails otherMatter = directory.createMatter(firm.orgId(), "O-" + UUID.randomUUID().toString()
                .substring(0, 8), "Other matter", firm.owner().id(), otherClient.id());
        var mine = workflows.instantiate(firm, template.id(), "Mine");
        var theirs = workflows.instantiate(firm.as(firm.owner()), template.id(), otherMatter.id(), "Theirs");
        return new InboxFixture(firm, otherClient, mine, theirs);
    }

    @Test
    void shouldListTheLawyerSStepsOfAllTheirMattersButNoClientStep() throws Exception {
        var f = inboxFixture();

        mvc.perform(get(STEPS).with(as(f.firm().owner())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(2))
                .andExpect(jsonPath("$.items[*].step.id").value(org.hamcrest.Matchers.containsInAnyOrder(
                        f.mine().steps().get(0).id().toString(), f.theirs().steps().get(0).id().toString())))
                .andExpect(jsonPath("$.items[*].step.roleScope").value(contains("LAWYER", "LAWYER")));
    }

    @Test
    void shouldListOnlyTheClientStepsOfTheClientSOwnMatter() throws Exception {
        var f = inboxFixture();

        mvc.perform(get(STEPS).with(as(f.firm().client())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].step.id").value(f.mine().steps().get(1).id().toString()))
                .andExpect(jsonPath("$.items[0].instanceId").value(f.mine().id().toString()))
                .andExpect(jsonPath("$.items[0].matterId").value(f.firm().matter().id().toString()))
                .andExpect(jsonPath("$.items[0].matterReference").value(f.firm().matter().reference()));
        mvc.perform(get(STEPS).with(as(f.otherClient())))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].step.id").value(f.theirs().steps().get(1).id().toString()));
    }

    @Test
    void shouldListOnlyTheCallerSAssignedStepsForAssignedToMe() throws Exception {
        var f = inboxFixture();
        UUID review = f.mine().steps().get(0).id();
        UUID passport = f.mine().steps().get(1).id();
        mvc.perform(get(STEPS).param("assignedTo", "me").with(as(f.firm().owner())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items", empty()));

        mvc.perform(post(STEPS + "/" + review + "/claim").with(as(f.firm().owner()))).andExpect(status().isOk());
        mvc.perform(post(STEPS + "/" + passport + "/start").with(as(f.firm().client()))).andExpect(status().isOk());

        mvc.perform(get(STEPS).param("assignedTo", "me").with(as(f.firm().owner())))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].step.id").value(review.toString()));
        mvc.perform(get(STEPS).param("assignedTo", "me").with(as(f.firm().client())))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].step.id").value(passport.toString()))
                .andExpect(jsonPath("$.items[0].step.actionState").value("IN_PROGRESS"));
        mvc.perform(get(STEPS).param("assignedTo", "me").with(as(f.firm().associate())))
                .andExpect(jsonPath("$.items", empty()));
        mvc.perform(get(STEPS).param("assignedTo", "me").with(as(f.otherClient())))
                .andExpect(jsonPath("$.items", empty()));
    }

    // ---------------------------------------------------------------------------------------------- isolation

    /** The first firm's ids, seen from another firm. */
    record Foreign(TestFirm firm, InstanceDetails instance, TemplateDetails template, TestFirm other,
                   TemplateDetails otherTemplate) {
    }

    static Stream<Arguments> foreignRequests() {
        List<Arguments> cases = List.of(
                Arguments.of("read instance", f(x -> get(INSTANCES + "/" + x.instance().id()))),
                Arguments.of("rename instance", f(x -> jsonRequest(patch(INSTANCES + "/" + x.instance().id()),
                        Map.of("title", "Mine now")))),
                Arguments.of("add step", f(x -> jsonRequest(post(INSTANCES + "/" + x.instance().id() + "/steps"),
                        Map.of("title", "X", "actionType", "CHECKLIST", "roleScope", "ADMIN")))),
                Arguments.of("remove step", f(x -> delete(INSTANCES + "/" + x.instance().id() + "/steps/"
                        + x.instance().steps().get(0).id()))),
                Arguments.of("advance", f(x -> post(INSTANCES + "/" + x.instance().id() + "/advance"))),
                Arguments.of("instance audit", f(x -> get(INSTANCES + "/" + x.instance().id() + "/audit"))),
                Arguments.of("read step", f(x -> get(STEPS + "/" + x.instance().steps().get(0).id()))),
                Arguments.of("step history", f(x -> get(STEPS + "/" + x.instance().steps().get(0).id() + "/history"))),
                Arguments.of("claim step", f(x -> post(STEPS + "/" + x.instance().steps().get(0).id() + "/claim"))),
                Arguments.of("skip step", f(x -> post(STEPS + "/" + x.instance().steps().get(0).id() + "/skip"))),
                Arguments.of("complete step", f(x -> jsonRequest(post(STEPS + "/" + x.instance().steps().get(0).id()
                        + "/complete"), Map.of()))),
                Arguments.of("step documents", f(x -> get(STEPS + "/" + x.instance().steps().get(1).id()
                        + "/documents"))),
                Arguments.of("upload", f(x -> multipart(STEPS + "/" + x.instance().steps().get(1).id() + "/documents")
                        .file(new MockMultipartFile("file", "a.pdf", "application/pdf", "%PDF".getBytes())))),
                Arguments.of("read template", f(x -> get(TEMPLATES + "/" + x.template().id()))),
                Arguments.of("edit template", f(x -> jsonRequest(patch(TEMPLATES + "/" + x.template().id()),
                        Map.of("name", "Mine now")))),
                Arguments.of("publish template", f(x -> post(TEMPLATES + "/" + x.template().id() + "/publish"))),
                Arguments.of("template versions", f(x -> get(TEMPLATES + "/" + x.template().id() + "/versions"))),
                Arguments.of("instantiate their template on my matter", f(x -> jsonRequest(
                        post(TEMPLATES + "/" + x.template().id() + "/instantiate"),
                        Map.of("matterId", x.other().matter().id())))),
                Arguments.of("instantiate my template on their matter", f(x -> jsonRequest(
                        post(TEMPLATES + "/" + x.otherTemplate().id() + "/instantiate"),
                        Map.of("matterId", x.firm().matter().id())))),
                Arguments.of("read matter", f(x -> get("/api/matters/" + x.firm().matter().id()))),
                Arguments.of("matter members", f(x -> jsonRequest(put("/api/matters/" + x.firm().matter().id()
                        + "/members"), Map.of("members", List.of())))),
                Arguments.of("list matter instances", f(x -> get(INSTANCES).param("matterId",
                        x.firm().matter().id().toString()))));
        return cases.stream();
    }

    private static Function<Foreign, AbstractMockHttpServletRequestBuilder<?>> f(
            Function<Foreign, AbstractMockHttpServletRequestBuilder<?>> request) {
        return request;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("foreignRequests")
    void shouldAnswer404ForAnotherOrganizationSIds(String name, Function<Foreign, AbstractMockHttpServletRequestBuilder<?>> request)
            throws Exception {
        var firm = firm();
        var instance = workflows.instance(firm,
                step("Conflict check", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true),
                step("Passport", ActionType.REQUEST_DOC_CLIENT, RoleScope.LAWYER, false,
                        Map.of("requestText", "Your passport, please")));
        var template = templates.get(firm.as(firm.owner()), instance.templateId());
        var other = firm();
        var otherTemplate = workflows.published(other, step("Theirs", ActionType.CHECKLIST, RoleScope.PARALEGAL, true));
        var x = new Foreign(firm, instance, template, other, otherTemplate);
        var mine = written(firm.orgId());
        var theirs = written(other.orgId());

        mvc.perform(request.apply(x).with(as(other.admin())))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.not(containsString(firm.matter().title()))));

        assertThat(written(firm.orgId())).isEqualTo(mine);
        assertThat(written(other.orgId())).isEqualTo(theirs);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private UUID createTemplate(TestFirm firm, Map<String, Object> step) throws Exception {
        var result = mvc.perform(jsonRequest(post(TEMPLATES), Map.of("name", "Template " + UUID.randomUUID(),
                        "steps", List.of(step))).with(as(firm.owner())))
                .andExpect(status().isCreated())
                .andReturn();
        return id(result, "$.id");
    }

    static Map<String, Object> stepJson(String title, String type, String scope, boolean required,
                                        Map<String, Object> config) {
        return Map.of("title", title, "actionType", type, "roleScope", scope, "required", required,
                "actionConfig", config);
    }

    private static RequestPostProcessor demo(String email) {
        return httpBasic(email, DemoData.PASSWORD);
    }

    /** The first match of a JsonPath filter expression. */
    static final class JsonPathFirst {
        static String of(MvcResult result, String path) throws Exception {
            List<String> matches = read(result, path);
            assertThat(matches).as(path).isNotEmpty();
            return matches.get(0);
        }
    }
}
