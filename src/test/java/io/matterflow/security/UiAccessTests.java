package io.matterflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

import io.matterflow.action.ActionType;
import io.matterflow.action.DocumentOwner;
import io.matterflow.action.Documents;
import io.matterflow.action.RoleScope;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Directory;
import io.matterflow.directory.UserAccount;
import io.matterflow.instance.InstanceDetails;
import io.matterflow.instance.Instances;
import io.matterflow.support.Caller;
import io.matterflow.support.FirmSnapshot;
import io.matterflow.support.H2Test;
import io.matterflow.support.TestFirm;
import io.matterflow.support.Workflows;
import io.matterflow.template.Templates;

/**
 * The UI routes (form login, session, CSRF) for every kind of caller: the firm's people, another firm's admin (the
 * firm's ids are unknown to it: 404) and nobody signed in (redirected to the login page). Each POST row acts on fresh
 * state; a refused request leaves the firm's rows as they were. Also: every UI POST without a CSRF token is refused
 * (403) and changes nothing, and signing in changes the session id. Every response carries the security headers and
 * every page's HTML is free of inline script and style ({@link SecurityHeadersTests}).
 */
@H2Test
@AutoConfigureMockMvc
class UiAccessTests {

    /**
     * 302 = redirected to /login (or, for an accepted POST, to the page it created). Neither a lawyer of the firm who
     * is not on the matter nor another firm's user learns that its ids exist (404, as for unknown ids); paralegals
     * read templates, clients get 403 on every template route (docs/decisions.md). Everyone on a matter sees its
     * team; its details, key dates, status and team change by its admins and owner only. Admins and lawyers open
     * matters (another firm's admin naming this firm's people as owner and client: 400). Migrating a template's
     * running instances to another version (its dry-run page and the confirmation) is the admins' alone.
     */
    static final String MATRIX = """
            route            ADMIN OWNER ASSOCIATE OUTSIDER PARALEGAL CLIENT OTHER_ORG ANONYMOUS
            INBOX              200   200       200      200       200    200       200       302
            MATTERS            200   200       200      200       200    200       200       302
            MATTER             200   200       200      404       200    200       404       302
            RUN                200   200       200      404       200    200       404       302
            TEMPLATES          200   200       200      200       200    403       200       302
            BUILDER            200   200       200      200       200    403       404       302
            NOTIFICATIONS      200   200       200      200       200    200       200       302
            MATTER_DOCUMENTS   200   200       200      404       200    200       404       302
            TEMPLATE_DOCUMENT  200   200       200      200       403    403       404       302
            INSTANCE_DOCUMENT  200   200       403      404       403    403       404       302
            SIGNATURE_DOCUMENT 200   200       200      404       200    200       404       302
            ASSIGN             200   200       200      404       403    403       404       302
            INSTANTIATE        302   302       302      404       403    403       404       302
            CLAIM              403   200       200      404       403    403       404       302
            RENAME             200   200       403      404       403    403       404       302
            ADD_STEP           200   200       403      404       403    403       404       302
            REMOVE_STEP        200   200       403      404       403    403       404       302
            REORDER            200   200       403      404       403    403       404       302
            STEP_EVENT_FAIL    409   409       409      404       403    403       404       302
            UPLOAD             403   409       409      404       403    403       404       302
            CREATE_TEMPLATE    302   302       302      302       403    403       302       302
            SAVE_TEMPLATE      200   200       200      200       403    403       404       302
            PUBLISH_TEMPLATE   200   200       200      200       403    403       404       302
            EXPORT_TEMPLATE    200   200       200      200       200    403       404       302
            IMPORT_TEMPLATE    302   302       302      302       403    403       302       302
            MATTER_TEAM        200   200       200      404       200    200       404       302
            MATTER_DETAILS     200   200       403      404       403    403       404       302
            CREATE_MATTER      302   302       302      302       403    403       400       302
            ADD_MEMBER         200   200       403      404       403    403       404       302
            REMOVE_MEMBER      200   200       403      404       403    403       404       302
            SAVE_DETAILS       200   200       403      404       403    403       404       302
            CLOSE_MATTER       200   200       403      404       403    403       404       302
            SAVE_KEY_DATE      200   200       403      404       403    403       404       302
            REMOVE_KEY_DATE    200   200       403      404       403    403       404       302
            PEOPLE             200   403       403      403       403    403       200       302
            ACCOUNT            200   200       200      200       200    200       200       302
            INVITE             302   403       403      403       403    403       302       302
            DEACTIVATE         302   403       403      403       403    403       404       302
            CHANGE_ROLE        302   403       403      403       403    403       404       302
            RESEND_INVITATION  302   403       403      403       403    403       404       302
            CHANGE_PASSWORD    302   302       302      302       302    302       302       302
            SIGN_OUT_EVERYWHERE 302  302       302      302       302    302       302       302
            MIGRATION_PLAN     200   403       403      403       403    403       404       302
            MIGRATE            302   403       403      403       403    403       404       302
            """;

    static final java.util.Set<String> GETS = java.util.Set.of("INBOX", "MATTERS", "MATTER", "RUN", "TEMPLATES",
            "BUILDER", "NOTIFICATIONS", "MATTER_DOCUMENTS", "MATTER_TEAM", "MATTER_DETAILS", "PEOPLE", "ACCOUNT",
            "SIGNATURE_DOCUMENT", "EXPORT_TEMPLATE", "MIGRATION_PLAN");

    static volatile TestFirm otherFirm;

    @Autowired
    MockMvc mvc;
    @Autowired
    Directory directory;
    @Autowired
    Templates templates;
    @Autowired
    Instances instances;
    @Autowired
    Workflows workflows;
    @Autowired
    UserDetailsService users;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    io.matterflow.notification.Notifications notifications;
    @Autowired
    io.matterflow.people.People people;
    @Autowired
    Documents documents;
    @Value("${matterflow.documents.storage-dir}")
    String storageDir;

    record State(TestFirm firm, UUID templateId, InstanceDetails instance, UUID invitedId) {
        UUID firstStep() {
            return instance.steps().get(0).id();
        }
    }

    static Stream<Arguments> matrix() {
        return Caller.matrix(MATRIX).stream().map(e -> Arguments.of(e.route(), e.caller(), e.status()));
    }

    @ParameterizedTest(name = "{0} by {1} -> {2}")
    @MethodSource("matrix")
    void shouldAnswerEachUiRouteByCaller(String route, Caller caller, int expected) throws Exception {
        State s = arrange();
        UserAccount who = caller.account(s.firm(), otherFirm);
        Map<String, Object> before = snapshot(s.firm().orgId());
        AbstractMockHttpServletRequestBuilder<?> request = request(route, s);
        if (!GETS.contains(route)) {
            request = request.with(csrf());
        }
        if (who != null) {
            request = request.with(user(users.loadUserByUsername(who.email())));
        }
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).as("%s by %s", route, caller).isEqualTo(expected);
        SecurityHeadersTests.assertSecurityHeaders(route + " by " + caller, response);
        if (String.valueOf(response.getContentType()).startsWith("text/html")) {
            SecurityHeadersTests.assertNoInlineScriptOrStyle(route + " by " + caller, response.getContentAsString());
        }
        if (caller == Caller.ANONYMOUS) {
            assertThat(response.getRedirectedUrl()).endsWith("/login");
        }
        if (expected >= 400 || caller == Caller.ANONYMOUS) {
            assertThat(snapshot(s.firm().orgId())).as("a refused request changes nothing").isEqualTo(before);
            String body = response.getContentAsString();
            assertThat(body).doesNotContain(s.instance().title()).doesNotContain(s.firm().matter().title());
        }
    }

    /** Every UI POST without a CSRF token: 403 and nothing changed, even for a caller allowed to make it. */
    @ParameterizedTest(name = "{0} without a CSRF token -> 403")
    @MethodSource("posts")
    void shouldRefuseUiPostsWithoutCsrfToken(String route) throws Exception {
        State s = arrange();
        Map<String, Object> before = snapshot(s.firm().orgId());
        MockHttpServletResponse response = mvc.perform(request(route, s)
                .with(user(users.loadUserByUsername(s.firm().owner().email())))).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(snapshot(s.firm().orgId())).isEqualTo(before);

        response = mvc.perform(request(route, s).with(csrf().useInvalidToken())
                .with(user(users.loadUserByUsername(s.firm().owner().email())))).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(snapshot(s.firm().orgId())).isEqualTo(before);
    }

    static Stream<String> posts() {
        return Stream.of("INSTANTIATE", "CLAIM", "RENAME", "ADD_STEP", "REMOVE_STEP", "CREATE_TEMPLATE",
                "SAVE_TEMPLATE", "PUBLISH_TEMPLATE", "IMPORT_TEMPLATE", "STEP_EVENT_FAIL", "REORDER", "UPLOAD", "LOGOUT",
                "NOTIFICATION_OPEN", "CREATE_MATTER", "ADD_MEMBER", "REMOVE_MEMBER", "SAVE_DETAILS", "CLOSE_MATTER",
                "INVITE", "DEACTIVATE", "CHANGE_ROLE", "RESEND_INVITATION", "CHANGE_PASSWORD", "SIGN_OUT_EVERYWHERE",
                "SET_PASSWORD",
                "FORGOT_PASSWORD", "MIGRATE");
    }

    /** A notification is its user's: anyone else, in the firm or not, gets 404 and it stays unread. */
    @Test
    void shouldOpenOnlyOnesOwnNotification() throws Exception {
        State s = arrange();
        TestFirm firm = s.firm();
        UUID source = UUID.randomUUID();
        notifications.create(firm.orgId(), firm.owner().id(), source, "step.ready", "Review is ready", "body",
                "/matters/" + firm.matter().id(), s.firstStep(), s.instance().id());
        UUID id = jdbc.queryForObject("select id from notifications where source_id = ?", UUID.class, source);
        for (UserAccount who : List.of(firm.associate(), firm.admin(), otherFirm.admin())) {
            assertThat(mvc.perform(post("/notifications/{id}/open", id).with(csrf())
                    .with(user(users.loadUserByUsername(who.email())))).andReturn().getResponse().getStatus())
                    .as(who.email()).isEqualTo(404);
        }
        assertThat(jdbc.queryForObject("select read_at from notifications where id = ?", Object.class, id)).isNull();
        MockHttpServletResponse response = mvc.perform(post("/notifications/{id}/open", id).with(csrf())
                .with(user(users.loadUserByUsername(firm.owner().email())))).andReturn().getResponse();
        assertThat(response.getRedirectedUrl()).isEqualTo("/matters/" + firm.matter().id());
        assertThat(jdbc.queryForObject("select read_at from notifications where id = ?", Object.class, id)).isNotNull();
    }

    /**
     * The error page's heading and window title are the error's title as plain text (issue 16, finding 7): they
     * showed the escaped markup of the page's own {@code <title>} element, because the layout's fragment parameter
     * {@code title} hid the model's {@code title}.
     */
    @Test
    void shouldShowTheErrorsTitleAsPlainTextOnTheErrorPage() throws Exception {
        State s = arrange();
        TestFirm firm = s.firm();
        Map<AbstractMockHttpServletRequestBuilder<?>, String> pages = new LinkedHashMap<>();
        pages.put(get("/matters/{id}", UUID.randomUUID()), "Matter not found");
        pages.put(get("/matters/{id}", "not-a-uuid"), "Invalid request");
        pages.put(get("/workflows/templates/{id}", s.templateId()), "Not permitted");
        for (var page : pages.entrySet()) {
            UserAccount who = page.getValue().equals("Not permitted") ? firm.client() : firm.owner();
            MockHttpServletResponse response = mvc.perform(page.getKey()
                    .with(user(users.loadUserByUsername(who.email())))).andReturn().getResponse();
            String html = response.getContentAsString();
            assertThat(response.getStatus()).as(page.getValue()).isGreaterThanOrEqualTo(400);
            assertThat(between(html, "<h1>", "</h1>")).as("heading of %s", page.getValue())
                    .isEqualTo(page.getValue());
            assertThat(between(html, "<title>", "</title>")).as("title of %s", page.getValue())
                    .isEqualTo(page.getValue() + " · Matterflow");
            assertThat(html).doesNotContain("&lt;title").doesNotContain("&lt;h1");
        }
    }

    private static String between(String html, String open, String close) {
        int start = html.indexOf(open);
        int end = html.indexOf(close, start);
        assertThat(start).as("%s in %s", open, html).isNotNegative();
        return html.substring(start + open.length(), end).strip();
    }

    /**
     * The password pages are public: anyone, signed in or not, sees the forgot-password page and its answer; a
     * set-password page for a link that is not usable says so (404). Neither shows anything of a firm.
     */
    @Test
    void shouldServeThePublicPasswordPagesToAnyone() throws Exception {
        State s = arrange();
        for (UserAccount who : java.util.Arrays.asList(null, s.firm().owner(), otherFirm.admin())) {
            AbstractMockHttpServletRequestBuilder<?> forgotPage = get("/password/forgot");
            AbstractMockHttpServletRequestBuilder<?> setPage = get("/password/set").param("token", "x".repeat(43));
            AbstractMockHttpServletRequestBuilder<?> forgot = post("/password/forgot").with(csrf())
                    .param("email", "nobody-" + UUID.randomUUID() + "@firm.test");
            if (who != null) {
                forgotPage = forgotPage.with(user(users.loadUserByUsername(who.email())));
                setPage = setPage.with(user(users.loadUserByUsername(who.email())));
                forgot = forgot.with(user(users.loadUserByUsername(who.email())));
            }
            assertThat(mvc.perform(forgotPage).andReturn().getResponse().getStatus()).isEqualTo(200);
            MockHttpServletResponse set = mvc.perform(setPage).andReturn().getResponse();
            assertThat(set.getStatus()).isEqualTo(404);
            assertThat(set.getContentAsString()).contains("This link cannot be used")
                    .doesNotContain(s.firm().matter().title());
            MockHttpServletResponse answer = mvc.perform(forgot).andReturn().getResponse();
            assertThat(answer.getStatus()).isEqualTo(200);
            assertThat(answer.getContentAsString()).contains("If an account uses that email");
        }
    }

    @Test
    void shouldRefuseTheLoginFormWithoutCsrfToken() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        MockHttpServletResponse response = mvc.perform(post("/login").param("username", firm.owner().email())
                .param("password", "pw")).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(403);
    }

    /** Session fixation: the session an attacker planted before sign-in is not the one signed in. */
    @Test
    void shouldChangeTheSessionIdOnSignIn() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        Cookie planted = mvc.perform(get("/login")).andReturn().getResponse().getCookie("SESSION");
        assertThat(planted).as("the login page opens a session").isNotNull();
        MockHttpServletResponse response = mvc.perform(post("/login").param("username", firm.owner().email())
                .param("password", "pw").with(csrf()).cookie(planted)).andReturn().getResponse();
        assertThat(response.getRedirectedUrl()).isEqualTo("/inbox");
        Cookie signedIn = response.getCookie("SESSION");
        assertThat(signedIn.getValue()).as("the session id changes on sign-in").isNotEqualTo(planted.getValue());
        // the signed-in session works under its new id; the planted one is not signed in
        mvc.perform(get("/inbox").cookie(signedIn)).andExpect(r -> assertThat(r.getResponse().getStatus())
                .isEqualTo(200));
        mvc.perform(get("/inbox").cookie(planted)).andExpect(r -> assertThat(r.getResponse().getStatus())
                .isEqualTo(302));
    }

    // ---------------------------------------------------------------------------------------------------------------

    private State arrange() {
        if (otherFirm == null) {
            otherFirm = TestFirm.create(directory);
        }
        TestFirm firm = TestFirm.create(directory);
        Actor owner = firm.as(firm.owner());
        UUID template = workflows.published(firm, "Intake " + UUID.randomUUID(), List.of(
                Workflows.step("Review", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true),
                Workflows.step("Wrap up", ActionType.CHECKLIST, RoleScope.PARALEGAL, true),
                Workflows.step("Sign", ActionType.SIGNATURE_CLIENT, RoleScope.CLIENT, false,
                        Map.of("documentId", "engagement-letter")))).id();
        InstanceDetails instance = workflows.instantiate(firm, template, "Run " + UUID.randomUUID());
        templates.publish(owner, template); // a second version, for the instance to be migrated to
        var letter = documents.store(firm.orgId(), DocumentOwner.instance(instance.id()), firm.owner().id(),
                "engagement-letter.pdf", "application/pdf", "%PDF-1.4 engagement letter".getBytes());
        instance = instances.editStep(owner, instance.id(), instance.steps().get(2).id(), new Instances.StepChanges(
                null, null, null, Map.of("documentId", letter.id().toString()), null));
        UUID invited = people.invite(firm.as(firm.admin()), "invited-" + UUID.randomUUID() + "@firm.test", "Invited",
                io.matterflow.directory.Role.PARALEGAL).id();
        return new State(firm, template, instance, invited);
    }

    private AbstractMockHttpServletRequestBuilder<?> request(String route, State s) {
        UUID matter = s.firm().matter().id();
        UUID instance = s.instance().id();
        return switch (route) {
            case "INBOX" -> get("/inbox");
            case "MATTERS" -> get("/matters");
            case "MATTER" -> get("/matters/{id}", matter);
            case "RUN" -> get("/matters/{m}/workflows/{id}", matter, instance);
            case "TEMPLATES" -> get("/workflows/templates");
            case "BUILDER" -> get("/workflows/templates/{id}", s.templateId());
            case "NOTIFICATIONS" -> get("/notifications");
            case "MATTER_DOCUMENTS" -> get("/matters/{id}/documents", matter);
            case "INSTANCE_DOCUMENT" -> org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                    .multipart("/workflows/instances/{id}/documents", instance)
                    .param("stepId", s.instance().steps().get(2).id().toString())
                    .file(new org.springframework.mock.web.MockMultipartFile("file", "letter.pdf", "application/pdf",
                            "%PDF-1.4 engagement letter".getBytes()));
            case "TEMPLATE_DOCUMENT" -> org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                    .multipart("/workflows/templates/{id}/documents", s.templateId()).param("index", "0")
                    .file(new org.springframework.mock.web.MockMultipartFile("file", "letter.pdf", "application/pdf",
                            "%PDF-1.4 engagement letter".getBytes()));
            case "SIGNATURE_DOCUMENT" -> get("/workflows/steps/{id}/signature-document",
                    s.instance().steps().get(2).id());
            case "ASSIGN" -> post("/workflows/steps/{id}/assign", s.firstStep()).param("userId",
                    s.firm().associate().id().toString());
            case "INSTANTIATE" -> post("/matters/{id}/workflows", matter).param("templateId",
                    s.templateId().toString());
            case "CLAIM" -> post("/workflows/steps/{id}/claim", s.firstStep());
            case "STEP_EVENT_FAIL" -> post("/workflows/steps/{id}/fail", s.firstStep()).param("reason", "x");
            case "RENAME" -> post("/workflows/instances/{id}/update", instance).param("title", "Renamed");
            case "ADD_STEP" -> post("/workflows/instances/{id}/steps", instance).param("title", "Extra")
                    .param("actionType", "CHECKLIST").param("roleScope", "PARALEGAL");
            case "REMOVE_STEP" -> post("/workflows/instances/{id}/steps/{s}/remove", instance,
                    s.instance().steps().get(1).id());
            case "REORDER" -> post("/workflows/instances/{id}/reorder", instance)
                    .param("stepIds", s.instance().steps().get(1).id().toString())
                    .param("stepIds", s.firstStep().toString())
                    .param("stepIds", s.instance().steps().get(2).id().toString());
            case "UPLOAD" -> org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                    .multipart("/workflows/steps/{id}/upload", s.firstStep())
                    .file(new org.springframework.mock.web.MockMultipartFile("file", "a.pdf", "application/pdf",
                            "%PDF-1.4 x".getBytes()));
            case "CREATE_TEMPLATE" -> post("/workflows/templates");
            case "SAVE_TEMPLATE" -> post("/workflows/templates/{id}", s.templateId()).param("name", "Renamed")
                    .param("description", "")
                    .param("steps[0].title", "Review").param("steps[0].actionType", "APPROVAL_LAWYER")
                    .param("steps[0].roleScope", "LAWYER").param("steps[0].required", "true")
                    .param("steps[0].order", "0");
            case "PUBLISH_TEMPLATE" -> post("/workflows/templates/{id}/publish", s.templateId());
            case "EXPORT_TEMPLATE" -> get("/workflows/templates/{id}/export", s.templateId()).param("version", "1");
            case "IMPORT_TEMPLATE" -> org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                    .multipart("/workflows/templates/import")
                    .file(new org.springframework.mock.web.MockMultipartFile("file", "intake-v1.matterflow.json",
                            "application/json", """
                            {"schema": "matterflow.template/1", "name": "Imported intake", "steps": [
                              {"title": "Check", "actionType": "CHECKLIST", "roleScope": "PARALEGAL"}]}
                            """.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            case "MATTER_TEAM" -> get("/matters/{id}/team", matter);
            case "MATTER_DETAILS" -> get("/matters/{id}/details", matter);
            case "CREATE_MATTER" -> post("/matters").param("reference", "N-" + UUID.randomUUID())
                    .param("title", "New matter").param("ownerId", s.firm().owner().id().toString())
                    .param("clientId", s.firm().client().id().toString());
            case "ADD_MEMBER" -> post("/matters/{id}/team", matter).param("userId",
                    s.firm().outsider().id().toString());
            case "REMOVE_MEMBER" -> post("/matters/{id}/team/{user}/remove", matter, s.firm().paralegal().id());
            case "SAVE_DETAILS" -> post("/matters/{id}/details", matter)
                    .param("reference", s.firm().matter().reference()).param("title", "Renamed matter")
                    .param("ownerId", s.firm().owner().id().toString()).param("clientId", "");
            case "SAVE_KEY_DATE" -> post("/matters/{id}/key-dates", matter).param("name", "Trial")
                    .param("date", "2027-03-01");
            case "REMOVE_KEY_DATE" -> post("/matters/{id}/key-dates/remove", matter).param("name", "Trial");
            case "CLOSE_MATTER" -> post("/matters/{id}/status", matter).param("status", "CLOSED")
                    .param("cancelActiveWorkflows", "true");
            case "LOGOUT" -> post("/logout");
            case "NOTIFICATION_OPEN" -> post("/notifications/{id}/open", UUID.randomUUID());
            case "PEOPLE" -> get("/people");
            case "ACCOUNT" -> get("/account");
            case "INVITE" -> post("/people").param("email", "new-" + UUID.randomUUID() + "@firm.test")
                    .param("displayName", "New person").param("role", "LAWYER");
            case "DEACTIVATE" -> post("/people/{id}", s.firm().associate().id()).param("active", "false");
            case "CHANGE_ROLE" -> post("/people/{id}", s.firm().associate().id()).param("role", "PARALEGAL");
            case "RESEND_INVITATION" -> post("/people/{id}/invitation", s.invitedId());
            case "CHANGE_PASSWORD" -> post("/account/password").param("currentPassword", "pw")
                    .param("newPassword", "Tall-Orchid-Window-2026").param("confirmPassword", "Tall-Orchid-Window-2026");
            case "SIGN_OUT_EVERYWHERE" -> post("/account/sessions/end");
            case "SET_PASSWORD" -> post("/password/set").param("token", "x".repeat(43))
                    .param("password", "Tall-Orchid-Window-2026").param("confirmPassword", "Tall-Orchid-Window-2026");
            case "FORGOT_PASSWORD" -> post("/password/forgot").param("email", s.firm().owner().email());
            case "MIGRATION_PLAN" -> get("/workflows/templates/{id}/migrations", s.templateId()).param("from", "1")
                    .param("to", "2");
            case "MIGRATE" -> post("/workflows/templates/{id}/migrations", s.templateId()).param("from", "1")
                    .param("to", "2");
            default -> throw new IllegalArgumentException(route);
        };
    }

    private Map<String, Object> snapshot(UUID org) {
        return new FirmSnapshot(jdbc, Path.of(storageDir)).of(org);
    }
}
