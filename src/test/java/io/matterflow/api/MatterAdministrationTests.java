package io.matterflow.api;

import static io.matterflow.support.Workflows.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.matterflow.access.Matters;
import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.audit.AuditEvent;
import io.matterflow.audit.AuditLog;
import io.matterflow.common.ConflictException;
import io.matterflow.directory.MatterDetails;
import io.matterflow.directory.MatterEdit;
import io.matterflow.directory.MatterStatus;
import io.matterflow.directory.Role;
import io.matterflow.directory.UserAccount;
import io.matterflow.instance.InstanceDetails;
import io.matterflow.instance.StepRuntime;
import io.matterflow.instance.WorkflowStatus;
import io.matterflow.support.PostgresTest;
import io.matterflow.support.TestFirm;

/**
 * {@code PATCH /api/matters/{id}} and the team: editing a matter's details, handing it to another owner or client,
 * closing it (refused while workflows are unfinished unless they are canceled with it), reopening it, and the
 * refusals: each a problem detail that changes nothing. Who may call at all is {@link AuthorizationMatrixTests}'.
 */
@PostgresTest
@AutoConfigureMockMvc
class MatterAdministrationTests extends ApiTestSupport {

    @Autowired
    StepRuntime runtime;
    @Autowired
    AuditLog audit;
    @Autowired
    Matters matters;
    @Autowired
    PlatformTransactionManager transactionManager;

    // ------------------------------------------------------------------------------------------------ details

    @Test
    void shouldChangeReferenceAndTitleAuditedOnTheMattersStream() throws Exception {
        TestFirm firm = firm();
        String reference = "N-" + UUID.randomUUID().toString().substring(0, 8);

        MvcResult result = mvc.perform(patchMatter(firm, firm.owner(),
                "{\"reference\": \" " + reference + " \", \"title\": \" Acme v. Widget (appeal) \"}")).andReturn();

        assertThat(result.getResponse().getStatus()).as(body(result)).isEqualTo(200);
        assertThat((String) read(result, "$.reference")).isEqualTo(reference);
        assertThat((String) read(result, "$.title")).isEqualTo("Acme v. Widget (appeal)");
        assertThat((String) read(result, "$.status")).isEqualTo("OPEN");
        assertThat(jdbc.queryForObject("select reference || '|' || title from matters where id = ?", String.class,
                firm.matter().id())).isEqualTo(reference + "|Acme v. Widget (appeal)");
        AuditEvent event = lastMatterEvent(firm);
        assertThat(event.action()).isEqualTo("matter.update");
        assertThat(event.actorId()).isEqualTo(firm.owner().id().toString());
        assertThat(event.entityType()).isEqualTo("MATTER");
        assertThat(event.metadata()).isEqualTo(Map.of(
                "reference", Map.of("from", firm.matter().reference(), "to", reference),
                "title", Map.of("from", firm.matter().title(), "to", "Acme v. Widget (appeal)")));
        assertThat(audit.verify(firm.orgId()).valid()).isTrue();
    }

    @Test
    void shouldChangeAndRecordNothingForAPatchThatChangesNothing() throws Exception {
        TestFirm firm = firm();
        Map<String, Object> before = written(firm.orgId());
        for (String body : List.of("{}", "{\"title\": \"" + firm.matter().title() + "\"}",
                "{\"reference\": \"" + firm.matter().reference() + "\", \"ownerId\": \"" + firm.owner().id() + "\"}",
                "{\"status\": \"OPEN\"}", "{\"clientId\": \"" + firm.client().id() + "\"}")) {
            MvcResult result = mvc.perform(patchMatter(firm, firm.admin(), body)).andReturn();
            assertThat(result.getResponse().getStatus()).as(body).isEqualTo(200);
        }
        assertThat(written(firm.orgId())).isEqualTo(before);
    }

    @Test
    void shouldRefuseAReferenceInUseNamingTheMatterOnlyToThoseWhoMaySeeIt() throws Exception {
        TestFirm firm = firm();
        MatterDetails other = directory.createMatter(firm.orgId(), "O-" + UUID.randomUUID().toString().substring(0, 8),
                "Someone else's matter", firm.outsider().id(), null);
        Map<String, Object> before = written(firm.orgId());
        String body = "{\"reference\": \"" + other.reference() + "\", \"title\": \"Renamed\"}";

        MvcResult byOwner = mvc.perform(patchMatter(firm, firm.owner(), body)).andReturn();
        assertProblem(byOwner, 409, "Reference in use");
        assertThat(body(byOwner)).doesNotContain(other.id().toString()).doesNotContain(other.title());

        MvcResult byAdmin = mvc.perform(patchMatter(firm, firm.admin(), body)).andReturn();
        assertProblem(byAdmin, 409, "Reference in use");
        assertThat((String) read(byAdmin, "$.matterId")).isEqualTo(other.id().toString());
        assertThat(written(firm.orgId())).as("refused, nothing changes").isEqualTo(before);
    }

    @Test
    void shouldRefuseBadFieldsNamingEachAndChangingNothing() throws Exception {
        TestFirm firm = firm();
        Map<String, Object> before = written(firm.orgId());
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        // bodies that do not bind (too long, not a UUID, unknown fields) are MatterControllerTests' (web layer)
        cases.put("{\"title\": \"   \"}", "title");
        cases.put("{\"reference\": \" \"}", "reference");
        cases.put("{\"cancelActiveWorkflows\": true}", "cancelActiveWorkflows");
        cases.put("{\"status\": \"OPEN\", \"cancelActiveWorkflows\": true}", "cancelActiveWorkflows");
        cases.put("{\"ownerId\": \"" + firm.paralegal().id() + "\"}", "ownerId");
        cases.put("{\"ownerId\": \"" + firm.client().id() + "\"}", "ownerId");
        cases.put("{\"ownerId\": \"" + UUID.randomUUID() + "\"}", "ownerId");
        cases.put("{\"clientId\": \"" + firm.associate().id() + "\"}", "clientId");
        cases.put("{\"clientId\": \"" + UUID.randomUUID() + "\"}", "clientId");
        TestFirm other = firm();
        cases.put("{\"ownerId\": \"" + other.owner().id() + "\"}", "ownerId");
        cases.put("{\"clientId\": \"" + other.client().id() + "\"}", "clientId");
        for (var c : cases.entrySet()) {
            MvcResult result = mvc.perform(patchMatter(firm, firm.owner(), c.getKey())).andReturn();
            assertProblem(result, 400, null);
            List<String> fields = read(result, "$.errors[*].field");
            assertThat(fields).as(c.getKey()).contains(c.getValue());
        }
        assertThat(written(firm.orgId())).as("refused, nothing changes").isEqualTo(before);
    }

    // ------------------------------------------------------------------------------------------------ people

    @Test
    void shouldHandTheMatterToAnotherOwnerAtOnce() throws Exception {
        TestFirm firm = firm();
        InstanceDetails instance = workflows.instance(firm, step("Review", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true));
        UUID step = instance.steps().get(0).id();
        // the old owner's eligibility is cached by this read
        assertThat(runtime.allowedEvents(firm.as(firm.owner()), instance, instance.steps().get(0))).isNotEmpty();
        long changesBefore = matterChanges(firm);

        MvcResult result = mvc.perform(patchMatter(firm, firm.owner(),
                "{\"ownerId\": \"" + firm.outsider().id() + "\"}")).andReturn();

        assertThat(result.getResponse().getStatus()).as(body(result)).isEqualTo(200);
        assertThat((String) read(result, "$.ownerId")).isEqualTo(firm.outsider().id().toString());
        assertThat(matterChanges(firm)).as("recorded for the other nodes' caches").isEqualTo(changesBefore + 1);
        assertThat(lastMatterEvent(firm).metadata()).isEqualTo(Map.of("ownerId",
                Map.of("from", firm.owner().id().toString(), "to", firm.outsider().id().toString())));
        // the old owner is off the matter: it and its steps are not found; the new one works on it at once
        mvc.perform(get("/api/matters/{id}", firm.matter().id()).with(as(firm.owner())))
                .andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(404));
        mvc.perform(post("/api/workflows/steps/{id}/claim", step).with(as(firm.owner())))
                .andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(404));
        mvc.perform(post("/api/workflows/steps/{id}/claim", step).with(as(firm.outsider())))
                .andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(200));
        // and the new owner manages it
        mvc.perform(patchMatter(firm, firm.outsider(), "{\"title\": \"Handed over\"}"))
                .andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(200));
    }

    @Test
    void shouldChangeAndRemoveTheClient() throws Exception {
        TestFirm firm = firm();
        UserAccount newClient = directory.createUser(firm.orgId(), "client2-" + UUID.randomUUID() + "@firm.test",
                "Second client", Role.CLIENT, PASSWORD);

        MvcResult changed = mvc.perform(patchMatter(firm, firm.admin(),
                "{\"clientId\": \"" + newClient.id() + "\"}")).andReturn();
        assertThat(changed.getResponse().getStatus()).as(body(changed)).isEqualTo(200);
        assertThat(readMatter(firm, firm.client())).isEqualTo(404);
        assertThat(readMatter(firm, newClient)).isEqualTo(200);

        MvcResult removed = mvc.perform(patchMatter(firm, firm.admin(), "{\"clientId\": null}")).andReturn();
        assertThat(removed.getResponse().getStatus()).as(body(removed)).isEqualTo(200);
        assertThat((Object) read(removed, "$.clientId")).isNull();
        assertThat(jdbc.queryForObject("select client_id from matters where id = ?", UUID.class,
                firm.matter().id())).isNull();
        assertThat(readMatter(firm, newClient)).isEqualTo(404);
        assertThat(lastMatterEvent(firm).metadata()).as("no client: no 'to'")
                .isEqualTo(Map.of("clientId", Map.of("from", newClient.id().toString())));
        assertThat(audit.verify(firm.orgId()).valid()).isTrue();
    }

    // ------------------------------------------------------------------------------------------------ closing

    @Test
    void shouldCloseAMatterWhoseWorkflowsHaveEnded() throws Exception {
        TestFirm firm = firm();
        InstanceDetails canceled = workflows.instance(firm, step("Check", ActionType.CHECKLIST, RoleScope.PARALEGAL, true));
        instances.update(firm.as(firm.owner()), canceled.id(), null, WorkflowStatus.CANCELED);

        MvcResult result = mvc.perform(patchMatter(firm, firm.owner(), "{\"status\": \"CLOSED\"}")).andReturn();

        assertThat(result.getResponse().getStatus()).as(body(result)).isEqualTo(200);
        assertThat((String) read(result, "$.status")).isEqualTo("CLOSED");
        assertThat((String) read(result, "$.closedAt")).isNotBlank();
        AuditEvent event = lastMatterEvent(firm);
        assertThat(event.action()).isEqualTo("matter.status");
        assertThat(event.fromState()).isEqualTo("OPEN");
        assertThat(event.toState()).isEqualTo("CLOSED");
        assertThat(event.metadata()).isEqualTo(Map.of("canceledWorkflows", List.of()));
    }

    @Test
    void shouldRefuseToCloseWhileWorkflowsAreUnfinishedListingThemAndChangingNothing() throws Exception {
        TestFirm firm = firm();
        InstanceDetails active = workflows.instance(firm, step("Review", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER,
                true));
        InstanceDetails paused = workflows.instance(firm, step("Check", ActionType.CHECKLIST, RoleScope.PARALEGAL,
                true));
        instances.update(firm.as(firm.owner()), paused.id(), null, WorkflowStatus.PAUSED);
        InstanceDetails draft = workflows.draft(firm, step("Check", ActionType.CHECKLIST, RoleScope.PARALEGAL, true));
        InstanceDetails ended = workflows.instance(firm, step("Check", ActionType.CHECKLIST, RoleScope.PARALEGAL,
                true));
        instances.update(firm.as(firm.owner()), ended.id(), null, WorkflowStatus.CANCELED);
        Map<String, Object> before = written(firm.orgId());

        for (String body : List.of("{\"status\": \"CLOSED\"}",
                "{\"status\": \"CLOSED\", \"cancelActiveWorkflows\": false}",
                "{\"status\": \"CLOSED\", \"title\": \"Closed and renamed\", \"clientId\": null}")) {
            MvcResult result = mvc.perform(patchMatter(firm, firm.owner(), body)).andReturn();
            assertProblem(result, 409, "Unfinished workflows");
            assertThat((String) read(result, "$.detail")).contains("3 unfinished workflows")
                    .contains("cancelActiveWorkflows");
            assertThat((List<String>) read(result, "$.workflows[*].id")).containsExactly(active.id().toString(),
                    paused.id().toString(), draft.id().toString());
            assertThat((List<String>) read(result, "$.workflows[*].status"))
                    .containsExactly("ACTIVE", "PAUSED", "DRAFT");
            assertThat((List<String>) read(result, "$.workflows[*].title")).containsExactly(active.title(),
                    paused.title(), draft.title());
        }
        assertThat(written(firm.orgId())).as("refused, nothing changes").isEqualTo(before);
    }

    @Test
    void shouldCancelTheUnfinishedWorkflowsAndCloseInOneTransactionWhenAsked() throws Exception {
        TestFirm firm = firm();
        InstanceDetails active = workflows.instance(firm, step("Review", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER,
                true));
        runtime.claim(firm.as(firm.associate()), active.steps().get(0).id());
        InstanceDetails paused = workflows.instance(firm, step("Check", ActionType.CHECKLIST, RoleScope.PARALEGAL,
                true));
        instances.update(firm.as(firm.owner()), paused.id(), null, WorkflowStatus.PAUSED);
        InstanceDetails draft = workflows.draft(firm, step("Check", ActionType.CHECKLIST, RoleScope.PARALEGAL, true));

        MvcResult result = mvc.perform(patchMatter(firm, firm.admin(),
                "{\"status\": \"CLOSED\", \"cancelActiveWorkflows\": true}")).andReturn();

        assertThat(result.getResponse().getStatus()).as(body(result)).isEqualTo(200);
        assertThat((String) read(result, "$.status")).isEqualTo("CLOSED");
        Map<UUID, String> from = Map.of(active.id(), "ACTIVE", paused.id(), "PAUSED", draft.id(), "DRAFT");
        for (var entry : from.entrySet()) {
            assertThat(jdbc.queryForObject("select status from workflow_instances where id = ?", String.class,
                    entry.getKey())).isEqualTo("CANCELED");
            AuditEvent canceled = audit.stream(firm.orgId(), entry.getKey()).stream()
                    .filter(e -> e.action().equals("instance.status")).reduce((a, b) -> b).orElseThrow();
            assertThat(canceled.actorId()).as("canceled by the caller").isEqualTo(firm.admin().id().toString());
            assertThat(canceled.fromState()).isEqualTo(entry.getValue());
            assertThat(canceled.toState()).isEqualTo("CANCELED");
            assertThat(canceled.metadata()).isEqualTo(Map.of("cause", "matter.close"));
        }
        AuditEvent closed = lastMatterEvent(firm);
        assertThat(closed.action()).isEqualTo("matter.status");
        assertThat(closed.actorId()).isEqualTo(firm.admin().id().toString());
        assertThat((List<Object>) closed.metadata().get("canceledWorkflows")).containsExactly(active.id().toString(),
                paused.id().toString(), draft.id().toString());
        assertThat(audit.verify(firm.orgId()).valid()).isTrue();
    }

    @Test
    void shouldRefuseNewWorkflowsOnAClosedMatterAndTakeThemAgainOnceReopened() throws Exception {
        TestFirm firm = firm();
        var template = workflows.published(firm, step("Check", ActionType.CHECKLIST, RoleScope.PARALEGAL, true));
        InstanceDetails before = workflows.instantiate(firm, template.id(), null);
        mvc.perform(patchMatter(firm, firm.owner(), "{\"status\": \"CLOSED\", \"cancelActiveWorkflows\": true}"))
                .andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(200));
        java.util.function.Function<UserAccount, MockHttpServletRequestBuilder> instantiate = caller -> jsonRequest(
                post("/api/workflows/templates/{id}/instantiate", template.id()),
                Map.of("matterId", firm.matter().id().toString())).with(as(caller));

        Map<String, Object> closed = written(firm.orgId());
        for (UserAccount caller : List.of(firm.owner(), firm.admin(), firm.associate())) {
            MvcResult refused = mvc.perform(instantiate.apply(caller)).andReturn();
            assertProblem(refused, 409, "Matter closed");
            assertThat((String) read(refused, "$.matterStatus")).isEqualTo("CLOSED");
        }
        // those who may not start workflows learn nothing new: still 403
        assertProblem(mvc.perform(instantiate.apply(firm.paralegal())).andReturn(), 403, null);
        assertThat(written(firm.orgId())).as("refused, nothing changes").isEqualTo(closed);
        // shown as closed in the list and the matter
        MvcResult list = mvc.perform(get("/api/matters").param("size", "100").with(as(firm.owner()))).andReturn();
        assertThat((List<String>) read(list, "$.items[?(@.id == '" + firm.matter().id() + "')].status"))
                .containsExactly("CLOSED");

        MvcResult reopened = mvc.perform(patchMatter(firm, firm.owner(), "{\"status\": \"OPEN\"}")).andReturn();
        assertThat(reopened.getResponse().getStatus()).as(body(reopened)).isEqualTo(200);
        assertThat((String) read(reopened, "$.status")).isEqualTo("OPEN");
        assertThat((Object) read(reopened, "$.closedAt")).isNull();
        AuditEvent event = lastMatterEvent(firm);
        assertThat(event.action()).isEqualTo("matter.status");
        assertThat(event.fromState()).isEqualTo("CLOSED");
        assertThat(event.toState()).isEqualTo("OPEN");
        MvcResult started = mvc.perform(instantiate.apply(firm.owner())).andReturn();
        assertThat(started.getResponse().getStatus()).as(body(started)).isEqualTo(201);
        assertThat(jdbc.queryForObject("select status from workflow_instances where id = ?", String.class,
                before.id())).as("what the close canceled stays canceled").isEqualTo("CANCELED");
    }

    @Test
    void shouldChangeNothingWhenClosingAClosedMatterOrReopeningAnOpenOne() throws Exception {
        TestFirm firm = firm();
        Map<String, Object> open = written(firm.orgId());
        mvc.perform(patchMatter(firm, firm.owner(), "{\"status\": \"OPEN\"}"))
                .andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(200));
        assertThat(written(firm.orgId())).isEqualTo(open);
        mvc.perform(patchMatter(firm, firm.owner(), "{\"status\": \"CLOSED\"}"))
                .andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(200));
        Map<String, Object> closed = written(firm.orgId());
        mvc.perform(patchMatter(firm, firm.owner(), "{\"status\": \"CLOSED\", \"cancelActiveWorkflows\": true}"))
                .andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(200));
        assertThat(written(firm.orgId())).isEqualTo(closed);
    }

    /**
     * A workflow started while the matter closes is not left running on a closed matter: the start holds the
     * matter's row until it commits, the close waits for it and then cancels it with the others.
     */
    @Test
    void shouldCancelAWorkflowStartedWhileTheMatterCloses() throws Exception {
        TestFirm firm = firm();
        var template = workflows.published(firm, step("Check", ActionType.CHECKLIST, RoleScope.PARALEGAL, true));
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);

        CompletableFuture<InstanceDetails> start = CompletableFuture.supplyAsync(() -> transactions.execute(tx -> {
            InstanceDetails instance = workflows.instantiate(firm, template.id(), null);
            started.countDown();
            await(commit);
            return instance;
        }));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<MatterDetails> close = CompletableFuture.supplyAsync(() -> matters.update(
                firm.as(firm.admin()), firm.matter().id(), new MatterEdit(null, null, null, null, false),
                MatterStatus.CLOSED, true));
        Thread.sleep(500);
        assertThat(close).as("the close waits for the start to commit").isNotDone();
        commit.countDown();

        InstanceDetails instance = start.get(10, TimeUnit.SECONDS);
        assertThat(close.get(10, TimeUnit.SECONDS).status()).isEqualTo(MatterStatus.CLOSED);
        assertThat(jdbc.queryForObject("select status from workflow_instances where id = ?", String.class,
                instance.id())).isEqualTo("CANCELED");
    }

    /** The other way round: a start that comes while the close is under way waits for it and is refused. */
    @Test
    void shouldRefuseAWorkflowStartedWhileTheMatterIsClosing() throws Exception {
        TestFirm firm = firm();
        var template = workflows.published(firm, step("Check", ActionType.CHECKLIST, RoleScope.PARALEGAL, true));
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);
        CountDownLatch closing = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);

        CompletableFuture<MatterDetails> close = CompletableFuture.supplyAsync(() -> transactions.execute(tx -> {
            MatterDetails matter = matters.update(firm.as(firm.admin()), firm.matter().id(),
                    new MatterEdit(null, null, null, null, false), MatterStatus.CLOSED, false);
            closing.countDown();
            await(commit);
            return matter;
        }));
        assertThat(closing.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<InstanceDetails> start = CompletableFuture.supplyAsync(
                () -> workflows.instantiate(firm, template.id(), null));
        Thread.sleep(500);
        assertThat(start).as("the start waits for the close to commit").isNotDone();
        commit.countDown();

        assertThat(close.get(10, TimeUnit.SECONDS).status()).isEqualTo(MatterStatus.CLOSED);
        assertThat(start).failsWithin(10, TimeUnit.SECONDS).withThrowableThat().havingRootCause()
                .isInstanceOf(ConflictException.class).withMessageContaining("closed");
        assertThat(jdbc.queryForObject("select count(*) from workflow_instances where matter_id = ?", Long.class,
                firm.matter().id())).isZero();
    }

    // ------------------------------------------------------------------------------------------------ team

    @Test
    void shouldRefuseInvalidTeamsNamingTheFailingMemberAndChangingNothing() throws Exception {
        TestFirm firm = firm();
        TestFirm other = firm();
        Map<String, Object> before = written(firm.orgId());
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put(members(member(firm.paralegal(), "PARALEGAL"), member(firm.paralegal(), "PARALEGAL")),
                "members[1].userId");
        cases.put(members(member(firm.associate(), "LAWYER"), member(other.associate(), "LAWYER")),
                "members[1].userId");
        cases.put(members(member(firm.paralegal(), "LAWYER")), "members[0].role");
        cases.put("{\"members\": [{\"userId\": \"" + firm.paralegal().id() + "\"}]}", "members[0].role");
        cases.put("{\"members\": [{\"role\": \"LAWYER\"}]}", "members[0].userId");
        cases.put("{\"members\": [null]}", "members[0]");
        cases.put("{}", "members");
        for (var c : cases.entrySet()) {
            MvcResult result = mvc.perform(jsonBody(put("/api/matters/{id}/members", firm.matter().id()),
                    c.getKey()).with(as(firm.owner()))).andReturn();
            assertProblem(result, 400, null);
            List<String> fields = read(result, "$.errors[*].field");
            assertThat(fields).as(c.getKey()).contains(c.getValue());
        }
        assertThat(written(firm.orgId())).as("refused, nothing changes").isEqualTo(before);
    }

    @Test
    void shouldAddAndRemoveTeamMembersOneAtATimeAudited() {
        TestFirm firm = firm();
        MatterDetails added = matters.addMember(firm.as(firm.owner()), firm.matter().id(), firm.outsider().id());
        assertThat(added.members()).contains(new MatterDetails.Member(firm.outsider().id(), Role.LAWYER));
        assertThat(added.members()).hasSize(3);
        assertThat(lastMatterEvent(firm).action()).isEqualTo("matter.members");

        Map<String, Object> before = written(firm.orgId());
        assertThat(matters.addMember(firm.as(firm.owner()), firm.matter().id(), firm.outsider().id()).members())
                .as("already on the team").containsExactlyInAnyOrderElementsOf(added.members());
        assertThat(matters.removeMember(firm.as(firm.owner()), firm.matter().id(), firm.admin().id()).members())
                .as("not on the team").containsExactlyInAnyOrderElementsOf(added.members());
        assertThat(written(firm.orgId())).as("nothing to do, nothing changes").isEqualTo(before);

        MatterDetails removed = matters.removeMember(firm.as(firm.admin()), firm.matter().id(), firm.associate().id());
        assertThat(removed.members()).extracting(MatterDetails.Member::userId)
                .containsExactlyInAnyOrder(firm.paralegal().id(), firm.outsider().id());
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static MockHttpServletRequestBuilder patchMatter(TestFirm firm, UserAccount caller, String body) {
        return jsonBody(patch("/api/matters/{id}", firm.matter().id()), body).with(as(caller));
    }

    private static MockHttpServletRequestBuilder jsonBody(MockHttpServletRequestBuilder builder, String body) {
        return builder.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private static String members(String... members) {
        return "{\"members\": [" + String.join(", ", members) + "]}";
    }

    private static String member(UserAccount user, String role) {
        return "{\"userId\": \"" + user.id() + "\", \"role\": \"" + role + "\"}";
    }

    private int readMatter(TestFirm firm, UserAccount caller) throws Exception {
        return mvc.perform(get("/api/matters/{id}", firm.matter().id()).with(as(caller))).andReturn().getResponse()
                .getStatus();
    }

    private AuditEvent lastMatterEvent(TestFirm firm) {
        List<AuditEvent> events = audit.stream(firm.orgId(), firm.matter().id());
        return events.get(events.size() - 1);
    }

    private long matterChanges(TestFirm firm) {
        return jdbc.queryForObject("select count(*) from matter_changes where matter_id = ?", Long.class,
                firm.matter().id());
    }

    /** A refusal: the status, a problem detail with that title (when given), and never a 5xx. */
    private static void assertProblem(MvcResult result, int status, String title) throws Exception {
        assertThat(result.getResponse().getStatus()).as(body(result)).isEqualTo(status);
        assertThat(result.getResponse().getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat((Integer) read(result, "$.status")).isEqualTo(status);
        if (title != null) {
            assertThat((String) read(result, "$.title")).isEqualTo(title);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
