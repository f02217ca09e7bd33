package io.matterflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.jayway.jsonpath.JsonPath;

import io.matterflow.access.Matters;
import io.matterflow.access.StepAccess;
import io.matterflow.access.StepRef;
import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Directory;
import io.matterflow.directory.MatterDetails;
import io.matterflow.directory.MatterEdit;
import io.matterflow.directory.MatterStatus;
import io.matterflow.directory.Role;
import io.matterflow.directory.UserAccount;
import io.matterflow.instance.InstanceDetails;
import io.matterflow.instance.Instances;
import io.matterflow.instance.StepDocuments;
import io.matterflow.instance.StepRuntime;
import io.matterflow.support.Caller;
import io.matterflow.support.FirmSnapshot;
import io.matterflow.support.PostgresTest;
import io.matterflow.support.TestFirm;
import io.matterflow.support.Workflows;
import io.matterflow.template.StepDefinition;
import io.matterflow.template.Templates;

/**
 * Who may call which route, over HTTP with HTTP Basic: every mutating route for every kind of caller, and the
 * organization boundary of the read routes. Each row of {@link #MATRIX} builds fresh state on a fresh firm through
 * the services, so the caller is the only thing that varies; a refused request must leave the database exactly as it
 * was, an accepted one must have its effect (audited) in the caller's organization only.
 */
@PostgresTest
@AutoConfigureMockMvc
class AuthorizationMatrixTests {

    /**
     * The mutating routes, each on the state it needs. The step routes act on a LAWYER approval step (unless named
     * otherwise) which, where the route needs it, the associate has claimed or started (and failed or blocked);
     * in the *_OWNERS_STEP routes the matter's owner has, so that the associate is an eligible performer who is
     * not the assignee.
     * START_CLAIMED starts the step the associate claimed; COMPLETE_CLAIMED_CHECKLIST completes straight from READY
     * (the inline path) a LAWYER checklist the associate claimed.
     */
    enum Route {
        CREATE_TEMPLATE, EDIT_TEMPLATE, PUBLISH_TEMPLATE, EXPORT_TEMPLATE, IMPORT_TEMPLATE, INSTANTIATE, RENAME_INSTANCE, PAUSE_INSTANCE,
        CANCEL_INSTANCE, ADD_STEP, EDIT_STEP, REMOVE_STEP, ADVANCE, CLAIM, CLAIM_PARALEGAL_STEP, CLAIM_CLIENT_STEP,
        CLAIM_ADMIN_STEP, UNCLAIM, UNCLAIM_OWNERS_STEP, START, START_CLAIMED, COMPLETE, COMPLETE_OWNERS_STEP,
        COMPLETE_CLAIMED_CHECKLIST, FAIL, FAIL_OWNERS_STEP, BLOCK, BLOCK_OWNERS_STEP, UNBLOCK, UNBLOCK_OWNERS_STEP,
        SKIP, RETRY, UPLOAD_DOCUMENT, UPLOAD_TEMPLATE_DOCUMENT, UPLOAD_INSTANCE_DOCUMENT, ASSIGN, HANDOVER,
        CREATE_MATTER, SET_MEMBERS, EDIT_MATTER, CLOSE_MATTER, REOPEN_MATTER, CREATE_TOKEN, REVOKE_TOKEN, INVITE_USER,
        DEACTIVATE_USER, CHANGE_ROLE, RESEND_INVITATION, CHANGE_OWN_PASSWORD, SET_KEY_DATES, SET_STEP_DUE,
        MIGRATE_INSTANCES
    }

    /**
     * Expected status by route and caller, from the specification (sections 4, 6 and 7) and docs/decisions.md.
     * Another firm's ids are 404 and no credentials 401 everywhere. So is everything in a matter to a member of the
     * firm who may not see the matter (the lawyer not on it, OUTSIDER): the same answer as for an unknown id, never
     * a 403 that tells the matter exists (issue 16, finding 7); 403 is for those who see the thing but may not do
     * this to it. Starting a step someone else claimed is a lost race (409) for another eligible performer;
     * completing someone else's step is not permitted (403), also on the inline path of a READY checklist. Advancing (re-evaluating readiness) is open to the matter's readers except
     * the client, as the code decides: the specification does not say. Creating a template or a matter names no id
     * of the firm in the path: another firm's admin creates the template in its own firm, and is refused (400, the
     * owner and client named are not users of its firm) when it names the firm's people as owner and client.
     * Changing a matter (its details, closing it with its unfinished workflows, reopening it) is for admins and its
     * owner, as replacing its members is. API tokens are each user's own: anyone signed in creates one (another firm's admin, in its own firm), and only
     * its user revokes it (REVOKE_TOKEN acts on the owner's token); to anyone else it does not exist (404).
     * People are the admins' to manage: another firm's admin invites into its own firm, and does not find the firm's
     * people (404). DEACTIVATE_USER and CHANGE_ROLE act on the associate (CHANGE_ROLE makes them a paralegal),
     * RESEND_INVITATION on a person invited by the admin; everyone signed in changes their own password.
     * Exporting a template is a read for those who read templates (paralegals too), here because it is audited: a
     * copy of the firm's work leaves it. Importing is creating: another firm's admin imports into its own firm.
     * Migrating a template's running instances to another version (MIGRATE_INSTANCES, not a dry run) changes the
     * work on every matter the template runs on, so it is the admins' alone (docs/decisions.md), not its authors'.
     */
    static final String MATRIX = """
            route                      ADMIN OWNER ASSOCIATE OUTSIDER PARALEGAL CLIENT OTHER_ORG ANONYMOUS
            CREATE_TEMPLATE              201   201       201      201       403    403       201       401
            EDIT_TEMPLATE                200   200       200      200       403    403       404       401
            PUBLISH_TEMPLATE             200   200       200      200       403    403       404       401
            EXPORT_TEMPLATE              200   200       200      200       200    403       404       401
            IMPORT_TEMPLATE              201   201       201      201       403    403       201       401
            INSTANTIATE                  201   201       201      404       403    403       404       401
            RENAME_INSTANCE              200   200       403      404       403    403       404       401
            PAUSE_INSTANCE               200   200       403      404       403    403       404       401
            CANCEL_INSTANCE              200   200       403      404       403    403       404       401
            ADD_STEP                     201   201       403      404       403    403       404       401
            EDIT_STEP                    200   200       403      404       403    403       404       401
            REMOVE_STEP                  200   200       403      404       403    403       404       401
            ADVANCE                      200   200       200      404       200    403       404       401
            CLAIM                        403   200       200      404       403    403       404       401
            CLAIM_PARALEGAL_STEP         403   403       403      404       200    403       404       401
            CLAIM_CLIENT_STEP            403   403       403      404       403    200       404       401
            CLAIM_ADMIN_STEP             200   403       403      404       403    403       404       401
            UNCLAIM                      200   200       200      404       403    403       404       401
            UNCLAIM_OWNERS_STEP          200   200       403      404       403    403       404       401
            START                        403   200       200      404       403    403       404       401
            START_CLAIMED                403   409       200      404       403    403       404       401
            COMPLETE                     403   403       200      404       403    403       404       401
            COMPLETE_OWNERS_STEP         403   200       403      404       403    403       404       401
            COMPLETE_CLAIMED_CHECKLIST   403   403       200      404       403    403       404       401
            FAIL                         200   200       200      404       403    403       404       401
            FAIL_OWNERS_STEP             200   200       403      404       403    403       404       401
            BLOCK                        200   200       200      404       403    403       404       401
            BLOCK_OWNERS_STEP            200   200       403      404       403    403       404       401
            UNBLOCK                      200   200       200      404       403    403       404       401
            UNBLOCK_OWNERS_STEP          200   200       403      404       403    403       404       401
            SKIP                         200   403       403      404       403    403       404       401
            RETRY                        200   200       403      404       403    403       404       401
            UPLOAD_DOCUMENT              403   403       403      404       403    201       404       401
            UPLOAD_TEMPLATE_DOCUMENT     201   201       201      201       403    403       404       401
            UPLOAD_INSTANCE_DOCUMENT     201   201       403      404       403    403       404       401
            ASSIGN                       200   200       200      404       403    403       404       401
            HANDOVER                     200   403       403      403       403    403       404       401
            CREATE_MATTER                201   201       201      201       403    403       400       401
            SET_MEMBERS                  200   200       403      404       403    403       404       401
            EDIT_MATTER                  200   200       403      404       403    403       404       401
            CLOSE_MATTER                 200   200       403      404       403    403       404       401
            REOPEN_MATTER                200   200       403      404       403    403       404       401
            CREATE_TOKEN                 201   201       201      201       201    201       201       401
            REVOKE_TOKEN                 404   204       404      404       404    404       404       401
            INVITE_USER                  201   403       403      403       403    403       201       401
            DEACTIVATE_USER              200   403       403      403       403    403       404       401
            CHANGE_ROLE                  200   403       403      403       403    403       404       401
            RESEND_INVITATION            200   403       403      403       403    403       404       401
            CHANGE_OWN_PASSWORD          204   204       204      204       204    204       204       401
            SET_KEY_DATES                200   200       403      404       403    403       404       401
            SET_STEP_DUE                 200   200       403      404       403    404       404       401
            MIGRATE_INSTANCES            200   403       403      403       403    403       404       401
            """;

    /** The audit log is the admins' (each of its own firm); everyone else in the firm is refused. */
    static final String AUDIT_MATRIX = """
            route        ADMIN OWNER ASSOCIATE OUTSIDER PARALEGAL CLIENT OTHER_ORG ANONYMOUS
            AUDIT_LOG      200   403       403      403       403    403       200       401
            AUDIT_VERIFY   200   403       403      403       403    403       200       401
            """;

    /** Reads by another firm's admin: the firm's ids are unknown (404); its lists show none of the firm's rows. */
    enum Read {
        TEMPLATE(404), TEMPLATE_VERSIONS(404), TEMPLATE_EXPORT(404), INSTANCE(404), MATTER_INSTANCES(404),
        INSTANCE_AUDIT(404), INSTANCE_LATE_EVENTS(404), STEP(404), STEP_HISTORY(404), STEP_DOCUMENTS(404), MATTER(404),
        TEMPLATE_LIST(200), MATTER_LIST(200), INBOX(200), USERS(200), USER(404);

        final int status;

        Read(int status) {
            this.status = status;
        }
    }

    private static final String PASSWORD = "pw";
    private static final byte[] PDF = "%PDF-1.4 passport".getBytes(StandardCharsets.US_ASCII);
    private static volatile TestFirm otherFirm;
    private static volatile ReadFixture readFixture;

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Directory directory;
    @Autowired
    Templates templates;
    @Autowired
    Instances instances;
    @Autowired
    Workflows workflows;
    @Autowired
    StepRuntime runtime;
    @Autowired
    StepDocuments documents;
    @Autowired
    StepAccess access;
    @Autowired
    Matters matters;
    @Autowired
    io.matterflow.people.People people;
    @Autowired
    org.springframework.security.crypto.password.PasswordEncoder passwords;
    @Value("${matterflow.documents.storage-dir}")
    String storageDir;

    /** A row's state is built in one transaction: a firm and its template, instance and step as the route needs. */
    TransactionTemplate transactions;

    @BeforeEach
    void createTheOtherFirm(@Autowired PlatformTransactionManager transactionManager) {
        transactions = new TransactionTemplate(transactionManager);
        if (otherFirm == null) {
            otherFirm = TestFirm.create(directory);
        }
    }

    static Stream<Arguments> matrix() {
        List<String> routes = Caller.routes(MATRIX);
        if (!routes.equals(Arrays.stream(Route.values()).map(Enum::name).toList())) {
            throw new IllegalStateException("the matrix must have one row for every route, in order: " + routes);
        }
        return Caller.matrix(MATRIX).stream()
                .map(e -> Arguments.of(Route.valueOf(e.route()), e.caller(), e.status()));
    }

    static Stream<Arguments> auditMatrix() {
        return Caller.matrix(AUDIT_MATRIX).stream().map(e -> Arguments.of(e.route(), e.caller(), e.status()));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The mutating routes

    @ParameterizedTest(name = "{0} by {1} -> {2}")
    @MethodSource("matrix")
    void shouldAnswerEveryMutatingRouteAsThePermissionTableSays(Route route, Caller caller, int expected)
            throws Exception {
        Arranged arranged = transactions.execute(tx -> {
            TestFirm f = TestFirm.create(directory);
            return new Arranged(f, arrange(route, f));
        });
        TestFirm firm = arranged.firm();
        State state = arranged.state();
        UserAccount user = caller.account(firm, otherFirm);
        UUID actingOrg = user == null ? null : user.orgId();

        Map<String, Object> firmBefore = snapshot(firm.orgId());
        Map<String, Object> otherBefore = snapshot(otherFirm.orgId());
        MockHttpServletResponse response = mvc.perform(authenticated(request(route, state, firm), user))
                .andReturn().getResponse();
        Map<String, Object> firmAfter = snapshot(firm.orgId());
        Map<String, Object> otherAfter = snapshot(otherFirm.orgId());

        assertThat(response.getStatus()).as("%s by %s: %s", route, caller, response.getContentAsString())
                .isEqualTo(expected);
        if (expected >= 400) {
            assertThat(response.getContentType()).as("refusals are problem details")
                    .startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            assertThat(firmAfter).as("a refused %s by %s changes nothing in the firm", route, caller)
                    .isEqualTo(firmBefore);
            assertThat(otherAfter).as("a refused %s by %s changes nothing in the other firm", route, caller)
                    .isEqualTo(otherBefore);
            if (expected == 401) {
                assertThat(response.getHeaders(HttpHeaders.WWW_AUTHENTICATE)).containsExactly(
                        "Bearer realm=\"Matterflow\"");
            }
            if (expected == 404) {
                assertNothingOfTheFirmIn(response.getContentAsString(), firm, state);
            }
            return;
        }
        boolean ownFirm = firm.orgId().equals(actingOrg);
        Map<String, Object> changedBefore = ownFirm ? firmBefore : otherBefore;
        Map<String, Object> changedAfter = ownFirm ? firmAfter : otherAfter;
        assertThat(ownFirm ? otherAfter : firmAfter).as("%s by %s changes nothing in another firm", route, caller)
                .isEqualTo(ownFirm ? otherBefore : firmBefore);
        if (route != Route.ADVANCE) { // with nothing due, advancing need not change anything
            assertThat(changedAfter).as("%s by %s has an effect", route, caller).isNotEqualTo(changedBefore);
            assertThat((Long) changedAfter.get("audit_events")).as("%s by %s is audited", route, caller)
                    .isGreaterThan((Long) changedBefore.get("audit_events"));
        }
        verifyEffect(route, state, firm, user);
    }

    record Arranged(TestFirm firm, State state) {
    }

    /**
     * What a row acts on. {@code stepId} is the step the route moves, edits or removes; {@code tokenId} the API token
     * a route revokes.
     */
    record State(UUID templateId, UUID instanceId, UUID stepId, String name, UUID tokenId, UUID userId) {

        State(UUID templateId, UUID instanceId, UUID stepId, String name) {
            this(templateId, instanceId, stepId, name, null, null);
        }

        State(UUID templateId, UUID instanceId, UUID stepId, String name, UUID tokenId) {
            this(templateId, instanceId, stepId, name, tokenId, null);
        }
    }

    private State arrange(Route route, TestFirm firm) {
        Actor owner = firm.as(firm.owner());
        Actor associate = firm.as(firm.associate());
        String name = "Intake " + UUID.randomUUID();
        return switch (route) {
            case CREATE_TEMPLATE, CREATE_MATTER, SET_MEMBERS, EDIT_MATTER, CREATE_TOKEN, INVITE_USER, DEACTIVATE_USER,
                    CHANGE_ROLE, CHANGE_OWN_PASSWORD -> new State(null, null, null, name);
            case CLOSE_MATTER -> {
                InstanceDetails instance = instance(firm, name);
                yield new State(instance.templateId(), instance.id(), instance.steps().get(0).id(), name);
            }
            case REOPEN_MATTER -> {
                matters.update(owner, firm.matter().id(), new MatterEdit(null, null, null, null, false),
                        MatterStatus.CLOSED, false);
                yield new State(null, null, null, name);
            }
            case RESEND_INVITATION -> new State(null, null, null, name, null, people.invite(firm.as(firm.admin()),
                    "invited-" + UUID.randomUUID() + "@firm.test", "Invited " + name, Role.LAWYER).id());
            case REVOKE_TOKEN -> new State(null, null, null, name, token(firm.owner(), name));
            case EDIT_TEMPLATE, PUBLISH_TEMPLATE, UPLOAD_TEMPLATE_DOCUMENT -> new State(templates.create(owner, name, null,
                    List.of(checklist(RoleScope.PARALEGAL))).id(), null, null, name);
            case INSTANTIATE, EXPORT_TEMPLATE -> new State(published(firm, name,
                    List.of(checklist(RoleScope.PARALEGAL))), null, null, name);
            case IMPORT_TEMPLATE -> new State(null, null, null, name);
            case SET_KEY_DATES -> new State(null, null, null, name);
            case MIGRATE_INSTANCES -> {
                InstanceDetails instance = instance(firm, name);
                templates.update(owner, instance.templateId(), new io.matterflow.template.TemplateChanges(null, null,
                        null, List.of(Workflows.step("Review", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true),
                        Workflows.step("Conflict check", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true))));
                templates.publish(owner, instance.templateId());
                yield new State(instance.templateId(), instance.id(), instance.steps().get(0).id(), name);
            }
            case RENAME_INSTANCE, PAUSE_INSTANCE, CANCEL_INSTANCE, ADD_STEP, ADVANCE, CLAIM, START, SKIP,
                    UPLOAD_INSTANCE_DOCUMENT, SET_STEP_DUE -> {
                InstanceDetails instance = instance(firm, name);
                yield new State(instance.templateId(), instance.id(), instance.steps().get(0).id(), name);
            }
            case EDIT_STEP, REMOVE_STEP -> {
                InstanceDetails instance = instance(firm, name);
                yield new State(instance.templateId(), instance.id(), instance.steps().get(1).id(), name);
            }
            case CLAIM_PARALEGAL_STEP -> single(firm, name, checklist(RoleScope.PARALEGAL));
            case CLAIM_CLIENT_STEP -> single(firm, name, checklist(RoleScope.CLIENT));
            case CLAIM_ADMIN_STEP -> single(firm, name, checklist(RoleScope.ADMIN));
            case COMPLETE_CLAIMED_CHECKLIST -> {
                State state = single(firm, name, checklist(RoleScope.LAWYER));
                runtime.claim(associate, state.stepId());
                yield state;
            }
            case ASSIGN -> {
                InstanceDetails instance = instance(firm, name);
                yield new State(instance.templateId(), instance.id(), instance.steps().get(0).id(), name);
            }
            case HANDOVER -> {
                InstanceDetails instance = instance(firm, name);
                runtime.claim(associate, instance.steps().get(0).id());
                yield new State(instance.templateId(), instance.id(), instance.steps().get(0).id(), name);
            }
            case UPLOAD_DOCUMENT -> single(firm, name, new StepDefinition("Proof of identity",
                    ActionType.REQUEST_DOC_CLIENT, RoleScope.CLIENT, true,
                    Map.of("requestText", "Your passport, please", "acceptedTypes", List.of("application/pdf"))));
            case UNCLAIM, UNCLAIM_OWNERS_STEP, START_CLAIMED, COMPLETE, COMPLETE_OWNERS_STEP, FAIL, FAIL_OWNERS_STEP,
                    BLOCK, BLOCK_OWNERS_STEP, UNBLOCK, UNBLOCK_OWNERS_STEP, RETRY -> {
                InstanceDetails instance = instance(firm, name);
                UUID step = instance.steps().get(0).id();
                Actor performer = route.name().endsWith("_OWNERS_STEP") ? owner : associate;
                switch (route) {
                    case UNCLAIM, UNCLAIM_OWNERS_STEP, START_CLAIMED -> runtime.claim(performer, step);
                    case COMPLETE, COMPLETE_OWNERS_STEP, FAIL, FAIL_OWNERS_STEP, BLOCK, BLOCK_OWNERS_STEP ->
                            runtime.start(performer, step);
                    case UNBLOCK, UNBLOCK_OWNERS_STEP -> {
                        runtime.start(performer, step);
                        runtime.block(performer, step, "waiting for the court");
                    }
                    case RETRY -> {
                        runtime.start(performer, step);
                        runtime.fail(performer, step, "conflict found");
                    }
                    default -> throw new IllegalStateException(route.name());
                }
                yield new State(instance.templateId(), instance.id(), step, name);
            }
        };
    }

    private AbstractMockHttpServletRequestBuilder<?> request(Route route, State s, TestFirm firm) {
        return switch (route) {
            case CREATE_TEMPLATE -> json(post("/api/workflows/templates"), """
                    {"name": "%s", "steps": [{"title": "Check", "actionType": "CHECKLIST", "roleScope": "PARALEGAL"}]}
                    """.formatted(s.name()));
            case EDIT_TEMPLATE -> json(patch("/api/workflows/templates/{id}", s.templateId()), """
                    {"name": "Renamed",
                     "steps": [{"title": "Check twice", "actionType": "CHECKLIST", "roleScope": "LAWYER"}]}
                    """);
            case PUBLISH_TEMPLATE -> post("/api/workflows/templates/{id}/publish", s.templateId());
            case EXPORT_TEMPLATE -> get("/api/workflows/templates/{id}/export", s.templateId()).param("version", "1");
            case IMPORT_TEMPLATE -> json(post("/api/workflows/templates/import"), """
                    {"schema": "matterflow.template/1", "name": "%s", "sourceVersion": 1,
                     "steps": [{"title": "Check", "actionType": "CHECKLIST", "roleScope": "PARALEGAL",
                                "required": true, "actionConfig": {"items": ["Done"]}, "clientVisible": false}]}
                    """.formatted(s.name()));
            case INSTANTIATE -> json(post("/api/workflows/templates/{id}/instantiate", s.templateId()),
                    "{\"matterId\": \"" + firm.matter().id() + "\"}");
            case RENAME_INSTANCE -> json(patch("/api/workflows/instances/{id}", s.instanceId()),
                    "{\"title\": \"Renamed\"}");
            case PAUSE_INSTANCE -> json(patch("/api/workflows/instances/{id}", s.instanceId()),
                    "{\"status\": \"PAUSED\"}");
            case CANCEL_INSTANCE -> json(patch("/api/workflows/instances/{id}", s.instanceId()),
                    "{\"status\": \"CANCELED\"}");
            case ADD_STEP -> json(post("/api/workflows/instances/{id}/steps", s.instanceId()),
                    """
                    {"title": "Extra", "actionType": "CHECKLIST", "roleScope": "PARALEGAL", "order": 1}
                    """);
            case EDIT_STEP -> json(patch("/api/workflows/instances/{id}/steps/{stepId}", s.instanceId(), s.stepId()),
                    "{\"title\": \"Edited\", \"order\": 0}");
            case REMOVE_STEP -> delete("/api/workflows/instances/{id}/steps/{stepId}", s.instanceId(), s.stepId());
            case ADVANCE -> post("/api/workflows/instances/{id}/advance", s.instanceId());
            case CLAIM, CLAIM_PARALEGAL_STEP, CLAIM_CLIENT_STEP, CLAIM_ADMIN_STEP -> step("claim", s);
            case UNCLAIM, UNCLAIM_OWNERS_STEP -> step("unclaim", s);
            case START, START_CLAIMED -> step("start", s);
            case COMPLETE, COMPLETE_OWNERS_STEP -> json(step("complete", s),
                    "{\"approved\": true, \"comment\": \"No conflict\"}");
            case COMPLETE_CLAIMED_CHECKLIST -> json(step("complete", s), "{}");
            case FAIL, FAIL_OWNERS_STEP -> json(step("fail", s), "{\"reason\": \"The client withdrew\"}");
            case BLOCK, BLOCK_OWNERS_STEP -> json(step("block", s), "{\"reason\": \"Waiting for the court\"}");
            case UNBLOCK, UNBLOCK_OWNERS_STEP -> step("unblock", s);
            case SKIP -> json(step("skip", s), "{\"reason\": \"Not needed\"}");
            case RETRY -> step("retry", s);
            case UPLOAD_DOCUMENT -> multipart("/api/workflows/steps/{id}/documents", s.stepId())
                    .file(new MockMultipartFile("file", "passport.pdf", "application/pdf", PDF));
            case UPLOAD_TEMPLATE_DOCUMENT -> multipart("/api/workflows/templates/{id}/documents", s.templateId())
                    .file(new MockMultipartFile("file", "engagement-letter.pdf", "application/pdf", PDF));
            case UPLOAD_INSTANCE_DOCUMENT -> multipart("/api/workflows/instances/{id}/documents", s.instanceId())
                    .file(new MockMultipartFile("file", "engagement-letter.pdf", "application/pdf", PDF));
            case ASSIGN -> json(step("assign", s), "{\"userId\": \"" + firm.associate().id() + "\"}");
            case HANDOVER -> json(post("/api/workflows/steps/handover"), "{\"fromUserId\": \"" + firm.associate().id()
                    + "\", \"toUserId\": \"" + firm.owner().id() + "\"}");
            case CREATE_MATTER -> json(post("/api/matters"), """
                    {"reference": "N-%s", "title": "Acme v. Widget", "ownerId": "%s", "clientId": "%s"}
                    """.formatted(s.name().substring(s.name().length() - 12), firm.owner().id(), firm.client().id()));
            case SET_MEMBERS -> json(put("/api/matters/{id}/members", firm.matter().id()), """
                    {"members": [{"userId": "%s", "role": "LAWYER"}, {"userId": "%s", "role": "PARALEGAL"},
                                 {"userId": "%s", "role": "LAWYER"}]}
                    """.formatted(firm.associate().id(), firm.paralegal().id(), firm.outsider().id()));
            case EDIT_MATTER -> json(patch("/api/matters/{id}", firm.matter().id()),
                    "{\"title\": \"Renamed matter\", \"ownerId\": \"" + firm.associate().id() + "\"}");
            case CLOSE_MATTER -> json(patch("/api/matters/{id}", firm.matter().id()),
                    "{\"status\": \"CLOSED\", \"cancelActiveWorkflows\": true}");
            case REOPEN_MATTER -> json(patch("/api/matters/{id}", firm.matter().id()), "{\"status\": \"OPEN\"}");
            case CREATE_TOKEN -> json(post("/api/me/tokens"),
                    "{\"name\": \"" + s.name() + "\", \"expiresInDays\": 30}");
            case REVOKE_TOKEN -> delete("/api/me/tokens/{id}", s.tokenId());
            case INVITE_USER -> json(post("/api/users"), """
                    {"email": "new-%s@firm.test", "displayName": "New person", "role": "PARALEGAL"}
                    """.formatted(s.name().substring(s.name().length() - 12)));
            case DEACTIVATE_USER -> json(patch("/api/users/{id}", firm.associate().id()), "{\"active\": false}");
            case CHANGE_ROLE -> json(patch("/api/users/{id}", firm.associate().id()), "{\"role\": \"PARALEGAL\"}");
            case RESEND_INVITATION -> post("/api/users/{id}/invitation", s.userId());
            case SET_KEY_DATES -> json(put("/api/matters/{id}/key-dates", firm.matter().id()),
                    "{\"keyDates\": [{\"name\": \"Trial\", \"date\": \"2027-03-01\"}]}");
            case SET_STEP_DUE -> json(put("/api/workflows/steps/{id}/due", s.stepId()),
                    "{\"at\": \"2027-02-01T17:00:00Z\", \"reason\": \"The client asked for more time\"}");
            case MIGRATE_INSTANCES -> json(post("/api/workflows/templates/{id}/migrations", s.templateId()),
                    "{\"fromVersion\": 1, \"toVersion\": 2, \"dryRun\": false}");
            case CHANGE_OWN_PASSWORD -> json(post("/api/me/password"),
                    "{\"currentPassword\": \"pw\", \"newPassword\": \"Tall-Orchid-Window-2026\"}");
        };
    }

    /** What an accepted request must have done, read from the database. */
    private void verifyEffect(Route route, State s, TestFirm firm, UserAccount caller) {
        switch (route) {
            case CREATE_TEMPLATE -> assertThat(jdbc.queryForObject(
                    "select count(*) from workflow_templates where org_id = ? and name = ? and version = 0",
                    Long.class, caller.orgId(), s.name())).isEqualTo(1L);
            case EDIT_TEMPLATE -> assertThat(jdbc.queryForObject(
                    "select name from workflow_templates where id = ?", String.class, s.templateId()))
                    .isEqualTo("Renamed");
            case PUBLISH_TEMPLATE -> assertThat(jdbc.queryForObject(
                    "select version from workflow_templates where id = ?", Integer.class, s.templateId())).isEqualTo(1);
            case EXPORT_TEMPLATE -> assertThat(jdbc.queryForObject(
                    "select count(*) from audit_events where stream_id = ? and action = 'template.export'"
                            + " and actor_id = ?", Long.class, s.templateId(), caller.id().toString())).isEqualTo(1L);
            case IMPORT_TEMPLATE -> assertThat(jdbc.queryForObject(
                    "select count(*) from workflow_templates where org_id = ? and name = ? and version = 0",
                    Long.class, caller.orgId(), s.name())).isEqualTo(1L);
            case INSTANTIATE -> assertThat(jdbc.queryForObject(
                    "select count(*) from workflow_instances where template_id = ? and status = 'ACTIVE'"
                            + " and created_by_id = ?", Long.class, s.templateId(), caller.id())).isEqualTo(1L);
            case RENAME_INSTANCE -> assertThat(instanceColumn(s, "title")).isEqualTo("Renamed");
            case PAUSE_INSTANCE -> assertThat(instanceColumn(s, "status")).isEqualTo("PAUSED");
            case CANCEL_INSTANCE -> assertThat(instanceColumn(s, "status")).isEqualTo("CANCELED");
            case ADD_STEP -> assertThat(jdbc.queryForList(
                    "select title from workflow_instance_steps where instance_id = ? order by step_order", String.class,
                    s.instanceId())).containsExactly("Review", "Extra", "Wrap up");
            case EDIT_STEP -> assertThat(jdbc.queryForList(
                    "select title from workflow_instance_steps where instance_id = ? order by step_order", String.class,
                    s.instanceId())).containsExactly("Edited", "Review");
            case REMOVE_STEP -> assertThat(jdbc.queryForList(
                    "select title from workflow_instance_steps where instance_id = ? order by step_order", String.class,
                    s.instanceId())).containsExactly("Review");
            case ADVANCE -> assertThat(instanceColumn(s, "status")).isEqualTo("ACTIVE");
            case CLAIM, CLAIM_PARALEGAL_STEP, CLAIM_CLIENT_STEP, CLAIM_ADMIN_STEP ->
                    assertStep(s, "READY", caller.id());
            case UNCLAIM, UNCLAIM_OWNERS_STEP, RETRY -> assertStep(s, "READY", null);
            case START, START_CLAIMED -> assertStep(s, "IN_PROGRESS", caller.id());
            case COMPLETE, COMPLETE_OWNERS_STEP, COMPLETE_CLAIMED_CHECKLIST -> assertStep(s, "COMPLETED", caller.id());
            case FAIL, FAIL_OWNERS_STEP -> assertStep(s, "FAILED", performer(route, firm));
            case BLOCK, BLOCK_OWNERS_STEP -> assertStep(s, "BLOCKED", performer(route, firm));
            case UNBLOCK, UNBLOCK_OWNERS_STEP -> assertStep(s, "IN_PROGRESS", performer(route, firm));
            case SKIP -> assertStep(s, "SKIPPED", null);
            case UPLOAD_DOCUMENT -> assertThat(jdbc.queryForList(
                    "select uploaded_by_id from documents where step_id = ?", UUID.class, s.stepId()))
                    .containsExactly(caller.id());
            case UPLOAD_TEMPLATE_DOCUMENT -> assertThat(jdbc.queryForList(
                    "select uploaded_by_id from documents where template_id = ?", UUID.class, s.templateId()))
                    .containsExactly(caller.id());
            case UPLOAD_INSTANCE_DOCUMENT -> assertThat(jdbc.queryForList(
                    "select uploaded_by_id from documents where instance_id = ?", UUID.class, s.instanceId()))
                    .containsExactly(caller.id());
            case ASSIGN -> assertStep(s, "READY", firm.associate().id());
            case HANDOVER -> assertStep(s, "READY", firm.owner().id());
            case CREATE_MATTER -> assertThat(jdbc.queryForObject(
                    "select count(*) from matters where org_id = ? and reference = ?", Long.class, caller.orgId(),
                    "N-" + s.name().substring(s.name().length() - 12))).isEqualTo(1L);
            case SET_MEMBERS -> assertThat(jdbc.queryForList(
                    "select role from matter_members where matter_id = ? and user_id = ?", String.class,
                    firm.matter().id(), firm.outsider().id())).containsExactly("LAWYER");
            case EDIT_MATTER -> assertThat(jdbc.queryForObject("select title || '|' || owner_id from matters where id = ?",
                    String.class, firm.matter().id())).isEqualTo("Renamed matter|" + firm.associate().id());
            case CLOSE_MATTER -> {
                assertThat(matterStatus(firm)).isEqualTo("CLOSED");
                assertThat(instanceColumn(s, "status")).isEqualTo("CANCELED");
            }
            case REOPEN_MATTER -> assertThat(matterStatus(firm)).isEqualTo("OPEN");
            case CREATE_TOKEN -> assertThat(jdbc.queryForObject(
                    "select count(*) from api_tokens where user_id = ? and org_id = ? and name = ?"
                            + " and revoked_at is null", Long.class, caller.id(), caller.orgId(), s.name()))
                    .isEqualTo(1L);
            case REVOKE_TOKEN -> assertThat(jdbc.queryForObject(
                    "select count(*) from api_tokens where id = ? and revoked_at is not null", Long.class,
                    s.tokenId())).isEqualTo(1L);
            case INVITE_USER -> assertThat(jdbc.queryForObject("select count(*) from users where org_id = ? and email"
                    + " = ? and password_hash is null", Long.class, caller.orgId(),
                    "new-" + s.name().substring(s.name().length() - 12).toLowerCase() + "@firm.test")).isEqualTo(1L);
            case DEACTIVATE_USER -> assertThat(jdbc.queryForObject("select active from users where id = ?",
                    Boolean.class, firm.associate().id())).isFalse();
            case CHANGE_ROLE -> assertThat(jdbc.queryForObject("select role from users where id = ?", String.class,
                    firm.associate().id())).isEqualTo("PARALEGAL");
            case RESEND_INVITATION -> assertThat(jdbc.queryForObject("select count(*) from user_tokens where user_id = ?"
                    + " and revoked_at is null", Long.class, s.userId())).isEqualTo(1L);
            case SET_KEY_DATES -> assertThat(jdbc.queryForObject(
                    "select key_date from matter_key_dates where matter_id = ? and name = 'Trial'", java.sql.Date.class,
                    firm.matter().id()).toString()).isEqualTo("2027-03-01");
            case SET_STEP_DUE -> assertThat(jdbc.queryForObject(
                    "select due_at from workflow_instance_steps where id = ?", java.time.OffsetDateTime.class,
                    s.stepId()).toInstant()).isEqualTo(java.time.Instant.parse("2027-02-01T17:00:00Z"));
            case MIGRATE_INSTANCES -> {
                assertThat(instanceColumn(s, "template_version")).isEqualTo("2");
                assertThat(jdbc.queryForList("select title from workflow_instance_steps where instance_id = ?"
                        + " order by step_order", String.class, s.instanceId())).containsExactly("Review",
                        "Conflict check");
            }
            case CHANGE_OWN_PASSWORD -> {
                assertThat(passwords.matches("Tall-Orchid-Window-2026", directory.passwordHash(caller.id())
                        .orElseThrow())).isTrue();
                directory.setPassword(caller.id(), PASSWORD); // the other firm's admin serves every row
            }
        }
    }

    /** PUT members takes effect at once: cached eligibility of the matter's instances is dropped. */
    @Test
    void shouldApplyChangedMembersToTheNextRequest() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        InstanceDetails instance = instance(firm, "Intake " + UUID.randomUUID());
        State state = new State(instance.templateId(), instance.id(), instance.steps().get(0).id(), null);
        runtime.claim(firm.as(firm.associate()), state.stepId());
        runtime.unclaim(firm.as(firm.associate()), state.stepId());

        mvc.perform(authenticated(json(put("/api/matters/{id}/members", firm.matter().id()),
                "{\"members\": [{\"userId\": \"" + firm.outsider().id() + "\", \"role\": \"LAWYER\"}]}"),
                firm.owner())).andExpect(status().isOk());

        Map<String, Object> before = snapshot(firm.orgId());
        // no longer on the matter, the associate does not see its steps at all
        mvc.perform(authenticated(step("claim", state), firm.associate())).andExpect(status().isNotFound());
        assertThat(snapshot(firm.orgId())).isEqualTo(before);
        mvc.perform(authenticated(step("claim", state), firm.outsider())).andExpect(status().isOk());
        assertStep(state, "READY", firm.outsider().id());
    }

    /**
     * Eligibility read by another request while a member change is not yet committed is the old one; it must not
     * outlive the change: the removed lawyer may not claim afterwards.
     */
    @Test
    void shouldForgetEligibilityReadWhileTheMembersChanged() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        InstanceDetails instance = instance(firm, "Intake " + UUID.randomUUID());
        UUID step = instance.steps().get(0).id();
        StepRef ref = new StepRef(step, instance.id(), firm.matter().id(), firm.orgId(), RoleScope.LAWYER, null);

        transactions.executeWithoutResult(tx -> {
            directory.setMembers(firm.orgId(), firm.matter().id(),
                    List.of(new MatterDetails.Member(firm.paralegal().id(), Role.PARALEGAL)));
            // another request reads the committed members, the associate still among them, meanwhile
            CompletableFuture.supplyAsync(() -> access.resolveEligibleActors(instance.id(), ref)).join();
        });

        assertThat(access.resolveEligibleActors(instance.id(), ref)).containsExactly(firm.owner().id());
        // off the matter now: its step is not found for the associate (a stale cache would let the claim through)
        mvc.perform(authenticated(post("/api/workflows/steps/{id}/claim", step), firm.associate()))
                .andExpect(status().isNotFound());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The read routes: the organization boundary and the audit log

    @ParameterizedTest(name = "{0} by another firm's admin -> {1}")
    @MethodSource("reads")
    void shouldNeverShowAnotherFirmsRows(Read read, int expected) throws Exception {
        ReadFixture f = readFixture();
        Map<String, Object> before = snapshot(f.firm().orgId());
        MockHttpServletResponse response = mvc.perform(authenticated(read(read, f), otherFirm.admin()))
                .andReturn().getResponse();
        assertThat(response.getStatus()).as("%s: %s", read, response.getContentAsString()).isEqualTo(expected);
        if (expected == 404) {
            assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        }
        assertNothingOfTheFirmIn(response.getContentAsString(), f.firm(), f.state());
        assertThat(snapshot(f.firm().orgId())).as("reading changes nothing").isEqualTo(before);
    }

    static Stream<Arguments> reads() {
        return Arrays.stream(Read.values()).map(r -> Arguments.of(r, r.status));
    }

    /**
     * A lawyer of the firm who is not on the matter (issue 16, finding 7): every read of the matter, its instances,
     * steps, their history, documents and audit answers exactly as for an id that does not exist (the body compared
     * with the unknown id's, ids blanked), so the answer does not tell that the matter exists; it used to be a 403
     * naming the matter's reference.
     */
    @ParameterizedTest(name = "{0} by a lawyer not on the matter")
    @MethodSource
    void shouldAnswerReadsOfAMatterTheCallerMayNotSeeAsForAnUnknownId(Read read) throws Exception {
        ReadFixture f = readFixture();
        State s = f.state();
        Map<String, Object> before = snapshot(f.firm().orgId());

        MockHttpServletResponse hidden = mvc.perform(authenticated(scopedRead(read, f.firm().matter().id(), s),
                f.firm().outsider())).andReturn().getResponse();
        UUID ghost = UUID.randomUUID();
        MockHttpServletResponse unknown = mvc.perform(authenticated(scopedRead(read, ghost,
                new State(ghost, ghost, ghost, null)), f.firm().outsider())).andReturn().getResponse();

        String body = hidden.getContentAsString();
        assertThat(hidden.getStatus()).as("%s: %s", read, body).isEqualTo(404);
        assertThat(hidden.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(blankIds(body)).as("%s answers as for an unknown id", read)
                .isEqualTo(blankIds(unknown.getContentAsString()));
        assertNothingOfTheFirmIn(body, f.firm(), s);
        assertThat(snapshot(f.firm().orgId())).as("reading changes nothing").isEqualTo(before);
    }

    static Stream<Read> shouldAnswerReadsOfAMatterTheCallerMayNotSeeAsForAnUnknownId() {
        return Stream.of(Read.MATTER, Read.MATTER_INSTANCES, Read.INSTANCE, Read.INSTANCE_AUDIT,
                Read.INSTANCE_LATE_EVENTS, Read.STEP,
                Read.STEP_HISTORY, Read.STEP_DOCUMENTS);
    }

    /**
     * Opening a matter with a reference in use answers 409 to everyone who may open matters (the reference must be
     * unique in the firm), but only those who may see the existing matter learn its id; nobody learns more from the
     * answer than that the reference is taken (issue 16, finding 7; docs/decisions.md).
     */
    @Test
    void shouldNotRevealTheMatterBehindATakenReference() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        MatterDetails matter = firm.matter();
        Map<String, Object> before = snapshot(firm.orgId());
        for (UserAccount caller : List.of(firm.outsider(), firm.associate(), firm.owner(), firm.admin())) {
            MockHttpServletResponse response = mvc.perform(authenticated(json(post("/api/matters"), """
                    {"reference": "%s", "title": "Probe", "ownerId": "%s"}
                    """.formatted(matter.reference(), caller.role() == Role.ADMIN ? firm.owner().id()
                    : caller.id())), caller)).andReturn().getResponse();
            String body = response.getContentAsString();
            assertThat(response.getStatus()).as("%s: %s", caller.email(), body).isEqualTo(409);
            assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            assertThat(body).doesNotContain(matter.title()).doesNotContain(firm.owner().email())
                    .doesNotContain(firm.client().id().toString());
            if (caller.equals(firm.outsider())) {
                assertThat(body).as("the outsider's answer").doesNotContain(matter.id().toString())
                        .doesNotContain("matterId");
            } else {
                assertThat((String) JsonPath.read(body, "$.matterId")).as("%s may see it", caller.email())
                        .isEqualTo(matter.id().toString());
            }
        }
        assertThat(snapshot(firm.orgId())).as("refused, nothing changes").isEqualTo(before);
    }

    @ParameterizedTest(name = "{0} by {1} -> {2}")
    @MethodSource("auditMatrix")
    void shouldShowTheAuditLogToTheFirmsAdminsOnly(String route, Caller caller, int expected) throws Exception {
        ReadFixture f = readFixture();
        UserAccount user = caller.account(f.firm(), otherFirm);
        String path = route.equals("AUDIT_LOG") ? "/api/audit" : "/api/audit/verify";
        Map<String, Object> before = snapshot(f.firm().orgId());
        MockHttpServletResponse response = mvc.perform(authenticated(get(path), user)).andReturn().getResponse();
        assertThat(response.getStatus()).as("%s by %s: %s", route, caller, response.getContentAsString())
                .isEqualTo(expected);
        String body = response.getContentAsString();
        if (expected >= 400) {
            assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            assertThat(body).doesNotContain(f.state().instanceId().toString());
        } else if (caller == Caller.OTHER_ORG) {
            assertNothingOfTheFirmIn(body, f.firm(), f.state());
            assertThat(body).doesNotContain(f.firm().orgId().toString());
        } else if (route.equals("AUDIT_LOG")) {
            assertThat(body).contains(f.state().instanceId().toString()).contains("\"total\":");
        } else {
            assertThat(body).contains("\"valid\":true");
        }
        assertThat(snapshot(f.firm().orgId())).as("reading changes nothing").isEqualTo(before);
    }

    /** One firm with a published template, an ACTIVE instance and an uploaded document, shared by the reads. */
    record ReadFixture(TestFirm firm, State state) {
    }

    private ReadFixture readFixture() {
        if (readFixture == null) {
            TestFirm firm = TestFirm.create(directory);
            String name = "Intake " + UUID.randomUUID();
            State state = single(firm, name, new StepDefinition("Proof of identity", ActionType.REQUEST_DOC_CLIENT,
                    RoleScope.CLIENT, true, Map.of("requestText", "Your passport, please")));
            documents.upload(firm.as(firm.client()), state.stepId(), "passport-" + name + ".pdf", "application/pdf",
                    PDF);
            readFixture = new ReadFixture(firm, state);
        }
        return readFixture;
    }

    private AbstractMockHttpServletRequestBuilder<?> read(Read read, ReadFixture f) {
        State s = f.state();
        return switch (read) {
            case TEMPLATE -> get("/api/workflows/templates/{id}", s.templateId());
            case TEMPLATE_VERSIONS -> get("/api/workflows/templates/{id}/versions", s.templateId());
            case TEMPLATE_EXPORT -> get("/api/workflows/templates/{id}/export", s.templateId());
            case INSTANCE -> get("/api/workflows/instances/{id}", s.instanceId());
            case MATTER_INSTANCES -> get("/api/workflows/instances")
                    .param("matterId", f.firm().matter().id().toString());
            case INSTANCE_AUDIT -> get("/api/workflows/instances/{id}/audit", s.instanceId());
            case INSTANCE_LATE_EVENTS -> get("/api/workflows/instances/{id}/late-events", s.instanceId());
            case STEP -> get("/api/workflows/steps/{id}", s.stepId());
            case STEP_HISTORY -> get("/api/workflows/steps/{id}/history", s.stepId());
            case STEP_DOCUMENTS -> get("/api/workflows/steps/{id}/documents", s.stepId());
            case MATTER -> get("/api/matters/{id}", f.firm().matter().id());
            case TEMPLATE_LIST -> get("/api/workflows/templates").param("q", s.name()).param("size", "100");
            case MATTER_LIST -> get("/api/matters").param("size", "100");
            case INBOX -> get("/api/workflows/steps").param("size", "100");
            case USERS -> get("/api/users");
            case USER -> get("/api/users/{id}", f.firm().owner().id());
        };
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers

    /** A read of something in the matter with these ids (those of the fixture, or of nothing at all). */
    private static AbstractMockHttpServletRequestBuilder<?> scopedRead(Read read, UUID matterId, State s) {
        return switch (read) {
            case MATTER -> get("/api/matters/{id}", matterId);
            case MATTER_INSTANCES -> get("/api/workflows/instances").param("matterId", matterId.toString());
            case INSTANCE -> get("/api/workflows/instances/{id}", s.instanceId());
            case INSTANCE_AUDIT -> get("/api/workflows/instances/{id}/audit", s.instanceId());
            case INSTANCE_LATE_EVENTS -> get("/api/workflows/instances/{id}/late-events", s.instanceId());
            case STEP -> get("/api/workflows/steps/{id}", s.stepId());
            case STEP_HISTORY -> get("/api/workflows/steps/{id}/history", s.stepId());
            case STEP_DOCUMENTS -> get("/api/workflows/steps/{id}/documents", s.stepId());
            default -> throw new IllegalArgumentException(read + " is not about one matter");
        };
    }

    private static String blankIds(String body) {
        return body.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>");
    }


    private static RequestBuilder authenticated(AbstractMockHttpServletRequestBuilder<?> request, UserAccount user) {
        return user == null ? request : request.with(httpBasic(user.email(), PASSWORD));
    }

    private static AbstractMockHttpServletRequestBuilder<?> json(AbstractMockHttpServletRequestBuilder<?> request,
                                                                 String body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private static AbstractMockHttpServletRequestBuilder<?> step(String event, State s) {
        return post("/api/workflows/steps/{id}/" + event, s.stepId());
    }

    private static StepDefinition checklist(RoleScope scope) {
        return Workflows.step("Check", ActionType.CHECKLIST, scope, true);
    }

    private UUID published(TestFirm firm, String name, List<StepDefinition> steps) {
        return workflows.published(firm, name, steps).id();
    }

    /** An ACTIVE instance with a READY LAWYER approval "Review" and a PENDING PARALEGAL checklist "Wrap up". */
    private InstanceDetails instance(TestFirm firm, String name) {
        UUID template = published(firm, name, List.of(
                Workflows.step("Review", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true),
                Workflows.step("Wrap up", ActionType.CHECKLIST, RoleScope.PARALEGAL, true)));
        return workflows.instantiate(firm, template, null);
    }

    /** An ACTIVE instance whose one step is READY and unassigned. */
    private State single(TestFirm firm, String name, StepDefinition step) {
        UUID template = published(firm, name, List.of(step));
        InstanceDetails instance = workflows.instantiate(firm, template, null);
        return new State(template, instance.id(), instance.steps().get(0).id(), name);
    }

    /** An API token of the user, as creating one stores it (the token itself is not needed here). */
    private UUID token(UserAccount user, String name) {
        UUID id = UUID.randomUUID();
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
        jdbc.update("insert into api_tokens (id, org_id, user_id, name, token_hash, created_at, expires_at)"
                + " values (?, ?, ?, ?, ?, ?, ?)", id, user.orgId(), user.id(), name,
                (id.toString() + id).replace("-", ""), now, now.plusDays(30));
        return id;
    }

    private String matterStatus(TestFirm firm) {
        return jdbc.queryForObject("select status from matters where id = ?", String.class, firm.matter().id());
    }

    private String instanceColumn(State s, String column) {
        return jdbc.queryForObject("select " + column + " from workflow_instances where id = ?", String.class,
                s.instanceId());
    }

    /** Who claimed or started the step before the request: failing, blocking and unblocking keep the assignee. */
    private static UUID performer(Route route, TestFirm firm) {
        return route.name().endsWith("_OWNERS_STEP") ? firm.owner().id() : firm.associate().id();
    }

    private void assertStep(State s, String state, UUID assignee) {
        Map<String, Object> row = jdbc.queryForMap(
                "select action_state, assigned_to_id from workflow_instance_steps where id = ?", s.stepId());
        assertThat(row.get("action_state")).isEqualTo(state);
        assertThat(row.get("assigned_to_id")).isEqualTo(assignee);
    }

    /** A 404 or another firm's list must not name the firm's matter, template, instance, step or people. */
    private static void assertNothingOfTheFirmIn(String body, TestFirm firm, State s) {
        assertThat(body).doesNotContain(firm.matter().reference()).doesNotContain(firm.matter().title())
                .doesNotContain(firm.owner().email()).doesNotContain(firm.client().email());
        if (s.name() != null) {
            assertThat(body).doesNotContain(s.name());
        }
        if (s.instanceId() != null) {
            assertThat(body).doesNotContain("\"instanceId\":\"" + s.instanceId());
        }
    }

    private Map<String, Object> snapshot(UUID org) {
        return new FirmSnapshot(jdbc, Path.of(storageDir)).of(org);
    }
}
