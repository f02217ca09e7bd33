package io.matterflow.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import io.matterflow.access.Sessions;
import io.matterflow.access.StepAccess;
import io.matterflow.access.StepRef;
import io.matterflow.action.ActionState;
import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.directory.Directory;
import io.matterflow.directory.UserAccount;
import io.matterflow.instance.InstanceDetails;
import io.matterflow.instance.Instances;
import io.matterflow.instance.StepRuntime;
import io.matterflow.support.PostgresTest;
import io.matterflow.support.TestFirm;
import io.matterflow.support.Workflows;
import io.matterflow.template.Templates;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * People administration over HTTP on PostgreSQL: invitations and the set-password page, role changes, deactivation
 * (sign-in by form, Basic and token refused, sessions ended, tokens revoked, steps released, eligibility dropped) and
 * reactivation, "Forgot password", changing one's own password; every refusal a problem detail (or the page saying
 * so) with nothing changed.
 */
@PostgresTest
@AutoConfigureMockMvc
class PeopleOnPostgresTests {

    static final String PW = "pw";
    static final String NEW_PASSWORD = "Tall-Orchid-Window-2026";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Pattern LINK = Pattern.compile("/password/set\\?token=([A-Za-z0-9_-]{43})");

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
    StepRuntime runtime;
    @Autowired
    StepAccess access;
    @Autowired
    Sessions sessions;

    // ------------------------------------------------------------------------------------------------ invitations

    @Test
    void shouldInviteAPersonWhoChoosesAPasswordFromTheLinkAndSignsIn() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        String email = "Nina." + UUID.randomUUID().toString().substring(0, 8) + "@Firm.test";
        MockHttpServletResponse response = mvc.perform(json(post("/api/users"), Map.of("email", email,
                "displayName", "Nina Paralegal", "role", "PARALEGAL")).with(basic(firm.admin()))).andReturn()
                .getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
        JsonNode person = JSON.readTree(response.getContentAsString());
        UUID id = UUID.fromString(person.path("id").asString());
        assertThat(response.getHeader("Location")).isEqualTo("/api/users/" + id);
        assertThat(person.path("email").asString()).isEqualTo(email.toLowerCase());
        assertThat(person.path("status").asString()).isEqualTo("INVITED");
        assertThat(person.path("invitationExpiresAt").isNull()).isFalse();
        assertThat(jdbc.queryForObject("select password_hash from users where id = ?", String.class, id)).isNull();

        // the invitation is queued as an account email holding the link; only the link's SHA-256 is stored
        String secret = linkSecret(id, "ACCOUNT_INVITATION");
        assertThat(jdbc.queryForObject("select count(*) from user_tokens where user_id = ? and token_hash = ?",
                Long.class, id, OneTimeLinks.digest(secret))).isEqualTo(1L);
        assertThat(jdbc.queryForObject("select count(*) from user_tokens where token_hash like ?", Long.class,
                "%" + secret + "%")).isZero();
        long hoursValid = java.time.Duration.between(OffsetDateTime.now(ZoneOffset.UTC), jdbc.queryForObject(
                "select expires_at from user_tokens where user_id = ?", OffsetDateTime.class, id)).toHours();
        assertThat(hoursValid).isBetween(71L, 72L);

        // nobody signs in as an invited person, whatever the password
        assertThat(status(get("/api/me").with(httpBasic(email, "")))).isEqualTo(401);

        // the page from the link names the account and shows the rules, without a referrer
        response = mvc.perform(get("/password/set").param("token", secret)).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).contains(email.toLowerCase(), "at least 12 characters",
                "not a common password");
        assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");

        // too short, common, the email, mismatched: refused, the link still usable
        for (String[] bad : List.of(new String[] {"short-pw", "at least 12"},
                new String[] {"password1234", "most common"}, new String[] {"qwertyuiop123", "most common"},
                new String[] {email, "email"})) {
            response = setPassword(secret, bad[0], bad[0]);
            assertThat(response.getStatus()).as(bad[0]).isEqualTo(400);
            assertThat(response.getContentAsString()).contains("password").contains(bad[1]);
        }
        assertThat(setPassword(secret, NEW_PASSWORD, NEW_PASSWORD + "x").getContentAsString())
                .contains("confirmPassword");
        assertThat(jdbc.queryForObject("select password_hash from users where id = ?", String.class, id)).isNull();

        response = setPassword(secret, NEW_PASSWORD, NEW_PASSWORD);
        assertThat(response.getRedirectedUrl()).isEqualTo("/login?passwordSet");
        assertThat(status(get("/api/me").with(httpBasic(email, NEW_PASSWORD)))).isEqualTo(200);
        assertThat(audit(id)).containsExactly("user.invite", "user.password-set");

        // used once: the link now leads nowhere
        response = setPassword(secret, "Another-Long-Phrase-77", "Another-Long-Phrase-77");
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains("This link cannot be used");
        assertThat(mvc.perform(get("/password/set").param("token", secret)).andReturn().getResponse().getStatus())
                .isEqualTo(404);
        assertThat(status(get("/api/me").with(httpBasic(email, NEW_PASSWORD)))).isEqualTo(200);
    }

    @Test
    void shouldRefuseInvitationsWithAProblemDetailAndChangeNothing() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        Map<String, Object> before = snapshot(firm);
        assertProblem(json(post("/api/users"), Map.of("email", firm.owner().email().toUpperCase(),
                "displayName", "Again", "role", "LAWYER")).with(basic(firm.admin())), 409, null);
        assertProblem(json(post("/api/users"), Map.of("email", "not an email", "displayName", " ",
                "role", "LAWYER")).with(basic(firm.admin())), 400, "email", "displayName");
        assertProblem(json(post("/api/users"), Map.of("email", "x@firm.test", "displayName", "X",
                "role", "PARTNER")).with(basic(firm.admin())), 400, "role");
        assertProblem(json(post("/api/users"), Map.of("email", "x@firm.test", "displayName", "X"))
                .with(basic(firm.admin())), 400, "role");
        assertProblem(json(post("/api/users"), Map.of("email", "x@firm.test", "displayName", "X",
                "role", "LAWYER")).with(basic(firm.owner())), 403, null);
        assertThat(snapshot(firm)).isEqualTo(before);
    }

    @Test
    void shouldSendAnInvitationAgainAndRetireTheOldLink() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        UUID id = invite(firm, "Resent");
        String first = linkSecret(id, "ACCOUNT_INVITATION");
        MockHttpServletResponse response = mvc.perform(post("/api/users/{id}/invitation", id)
                .with(basic(firm.admin()))).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        String second = linkSecret(id, "ACCOUNT_INVITATION");
        assertThat(second).isNotEqualTo(first);
        assertThat(jdbc.queryForList("select status from email_outbox where recipient_id = ? order by created_at",
                String.class, id)).containsExactly("CANCELED", "PENDING");
        assertThat(jdbc.queryForObject("select body from email_outbox where recipient_id = ? and status = 'CANCELED'",
                String.class, id)).doesNotContain(first);
        assertThat(setPassword(first, NEW_PASSWORD, NEW_PASSWORD).getStatus()).isEqualTo(400);
        assertThat(setPassword(second, NEW_PASSWORD, NEW_PASSWORD).getRedirectedUrl()).endsWith("passwordSet");

        // once a password is chosen there is nothing to send again; another firm's admin does not find the person
        Map<String, Object> before = snapshot(firm);
        assertProblem(post("/api/users/{id}/invitation", id).with(basic(firm.admin())), 409, null);
        assertProblem(post("/api/users/{id}/invitation", id).with(basic(TestFirm.create(directory).admin())), 404,
                null);
        assertProblem(post("/api/users/{id}/invitation", id).with(basic(firm.owner())), 403, null);
        assertThat(snapshot(firm)).isEqualTo(before);
        assertThat(audit(id)).containsExactly("user.invite", "user.invitation-resend", "user.password-set");
    }

    @Test
    void shouldRefuseAnExpiredInvitation() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        UUID id = invite(firm, "Late");
        String secret = linkSecret(id, "ACCOUNT_INVITATION");
        jdbc.update("update user_tokens set created_at = created_at - interval '73 hours',"
                + " expires_at = expires_at - interval '73 hours' where user_id = ?", id);
        assertThat(mvc.perform(get("/password/set").param("token", secret)).andReturn().getResponse().getStatus())
                .isEqualTo(404);
        assertThat(setPassword(secret, NEW_PASSWORD, NEW_PASSWORD).getStatus()).isEqualTo(400);
        assertThat(jdbc.queryForObject("select password_hash from users where id = ?", String.class, id)).isNull();
        // the People list shows the invitation as expired: no expiry to show
        assertThat(JSON.readTree(mvc.perform(get("/api/users/{id}", id).with(basic(firm.admin()))).andReturn()
                .getResponse().getContentAsString()).path("invitationExpiresAt").isNull()).isTrue();
    }

    // ------------------------------------------------------------------------------------------------ deactivation

    @Test
    void shouldEndEveryWayOfSigningInAtOnceAndReleaseTheStepsWhenDeactivated() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        UserAccount associate = firm.associate();
        InstanceDetails instance = new Workflows(templates, instances).instance(firm,
                Workflows.step("Review", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, false));
        UUID step = instance.steps().get(0).id();
        runtime.claim(firm.as(associate), step);
        String token = JSON.readTree(mvc.perform(json(post("/api/me/tokens"), Map.of("name", "script"))
                .with(basic(associate))).andReturn().getResponse().getContentAsString()).path("token").asString();
        Cookie session = signIn(associate.email(), PW);
        assertThat(mvc.perform(get("/inbox").cookie(session)).andReturn().getResponse().getStatus()).isEqualTo(200);
        assertThat(sessions.count(associate.id())).isEqualTo(1);
        StepRef ref = new StepRef(step, instance.id(), firm.matter().id(), firm.orgId(), RoleScope.LAWYER, null);
        assertThat(access.resolveEligibleActors(instance.id(), ref)).contains(associate.id());

        MockHttpServletResponse response = mvc.perform(json(patch("/api/users/{id}", associate.id()),
                Map.of("active", false)).with(basic(firm.admin()))).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        assertThat(JSON.readTree(response.getContentAsString()).path("status").asString()).isEqualTo("DEACTIVATED");

        // HTTP Basic, the token, the session and the login form: all refused
        assertThat(status(get("/api/me").with(basic(associate)))).isEqualTo(401);
        assertThat(status(get("/api/me").header("Authorization", "Bearer " + token))).isEqualTo(401);
        response = mvc.perform(get("/inbox").cookie(session)).andReturn().getResponse();
        assertThat(response.getRedirectedUrl()).isEqualTo("/login?ended");
        assertThat(mvc.perform(get("/inbox").cookie(session)).andReturn().getResponse().getRedirectedUrl())
                .endsWith("/login");
        assertThat(mvc.perform(post("/login").param("username", associate.email()).param("password", PW)
                .with(csrf())).andReturn().getResponse().getRedirectedUrl()).isEqualTo("/login?error");
        assertThat(jdbc.queryForObject("select count(*) from api_tokens where user_id = ? and revoked_at is null",
                Long.class, associate.id())).isZero();

        // the claimed step went back to the pool, and the person is no longer eligible
        assertThat(jdbc.queryForMap("select action_state, assigned_to_id from workflow_instance_steps where id = ?",
                step)).containsEntry("action_state", ActionState.READY.name()).containsEntry("assigned_to_id", null);
        assertThat(access.resolveEligibleActors(instance.id(), ref)).doesNotContain(associate.id())
                .contains(firm.owner().id());
        assertThat(audit(associate.id())).containsExactly("user.deactivate");
        assertThat(jdbc.queryForList("select action from audit_events where org_id = ? and action in"
                + " ('api-token.revoke', 'step.release')", String.class, firm.orgId()))
                .containsExactlyInAnyOrder("api-token.revoke", "step.release");

        // "Forgot password" sends a deactivated person nothing
        assertThat(forgot(associate.email(), "10.9.0.1").getStatus()).isEqualTo(200);
        assertThat(outbox(associate.id(), "ACCOUNT_PASSWORD_RESET")).isZero();

        // reactivated: the password signs in again, the token stays revoked, eligible again
        response = mvc.perform(json(patch("/api/users/{id}", associate.id()), Map.of("active", true))
                .with(basic(firm.admin()))).andReturn().getResponse();
        assertThat(JSON.readTree(response.getContentAsString()).path("status").asString()).isEqualTo("ACTIVE");
        assertThat(status(get("/api/me").with(basic(associate)))).isEqualTo(200);
        assertThat(status(get("/api/me").header("Authorization", "Bearer " + token))).isEqualTo(401);
        assertThat(access.resolveEligibleActors(instance.id(), ref)).contains(associate.id());
        assertThat(audit(associate.id())).containsExactly("user.deactivate", "user.reactivate");
    }

    @Test
    void shouldChangeARoleEndTheSessionsAndMoveTheMemberships() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        Cookie session = signIn(firm.associate().email(), PW);
        MockHttpServletResponse response = mvc.perform(json(patch("/api/users/{id}", firm.associate().id()),
                Map.of("role", "PARALEGAL")).with(basic(firm.admin()))).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        assertThat(JSON.readTree(response.getContentAsString()).path("role").asString()).isEqualTo("PARALEGAL");
        assertThat(jdbc.queryForObject("select role from matter_members where user_id = ?", String.class,
                firm.associate().id())).isEqualTo("PARALEGAL");
        assertThat(mvc.perform(get("/inbox").cookie(session)).andReturn().getResponse().getRedirectedUrl())
                .isEqualTo("/login?ended");
        JsonNode me = JSON.readTree(mvc.perform(get("/api/me").with(basic(firm.associate()))).andReturn()
                .getResponse().getContentAsString());
        assertThat(me.path("role").asString()).isEqualTo("PARALEGAL");
        assertThat(audit(firm.associate().id())).containsExactly("user.role");
    }

    @Test
    void shouldRefuseEveryForbiddenChangeOfAPersonWithAProblemDetailAndChangeNothing() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        TestFirm other = TestFirm.create(directory);
        Map<String, Object> before = snapshot(firm);
        RequestPostProcessor admin = basic(firm.admin());
        assertProblem(json(patch("/api/users/{id}", firm.admin().id()), Map.of("active", false)).with(admin), 409,
                null);
        assertProblem(json(patch("/api/users/{id}", firm.admin().id()), Map.of("role", "LAWYER")).with(admin), 409,
                null);
        assertProblem(json(patch("/api/users/{id}", firm.client().id()), Map.of("role", "LAWYER")).with(admin), 422,
                "role");
        assertProblem(json(patch("/api/users/{id}", firm.owner().id()), Map.of("role", "CLIENT")).with(admin), 422,
                "role");
        assertProblem(json(patch("/api/users/{id}", firm.owner().id()), Map.of("role", "PARALEGAL")).with(admin),
                409, null);
        assertProblem(json(patch("/api/users/{id}", firm.owner().id()), Map.of("role", "BOSS")).with(admin), 400,
                "role");
        assertProblem(json(patch("/api/users/{id}", firm.owner().id()), Map.of("active", "no")).with(admin), 400,
                "active");
        assertProblem(json(patch("/api/users/{id}", other.owner().id()), Map.of("active", false)).with(admin), 404,
                null);
        assertProblem(json(patch("/api/users/{id}", firm.owner().id()), Map.of("active", false))
                .with(basic(firm.owner())), 403, null);
        assertProblem(json(patch("/api/users/{id}", firm.associate().id()), Map.of("active", false))
                .with(basic(other.admin())), 404, null);
        assertProblem(json(patch("/api/users/{id}", firm.associate().id()), Map.of("active", false)), 401, null);
        assertThat(snapshot(firm)).isEqualTo(before);
    }

    // ------------------------------------------------------------------------------------------------ passwords

    @Test
    void shouldSendAResetLinkOnlyToAnActivePersonAndAnswerTheSameEitherWay() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        UserAccount owner = firm.owner();
        MockHttpServletResponse known = forgot(owner.email().toUpperCase(), "10.1.0.1");
        MockHttpServletResponse unknown = forgot("nobody-" + UUID.randomUUID() + "@firm.test", "10.1.0.1");
        assertThat(known.getStatus()).isEqualTo(200).isEqualTo(unknown.getStatus());
        assertThat(known.getContentAsString().replaceAll("name=\"_csrf\" value=\"[^\"]*\"", ""))
                .isEqualTo(unknown.getContentAsString().replaceAll("name=\"_csrf\" value=\"[^\"]*\"", ""));
        assertThat(outbox(owner.id(), "ACCOUNT_PASSWORD_RESET")).isEqualTo(1L);
        String secret = linkSecret(owner.id(), "ACCOUNT_PASSWORD_RESET");
        assertThat(jdbc.queryForObject("select expires_at from user_tokens where token_hash = ?",
                OffsetDateTime.class, OneTimeLinks.digest(secret))).isBefore(OffsetDateTime.now().plusMinutes(61));

        Cookie session = signIn(owner.email(), PW);
        assertThat(setPassword(secret, NEW_PASSWORD, NEW_PASSWORD).getRedirectedUrl()).endsWith("passwordSet");
        assertThat(status(get("/api/me").with(httpBasic(owner.email(), NEW_PASSWORD)))).isEqualTo(200);
        assertThat(status(get("/api/me").with(basic(owner)))).isEqualTo(401);
        assertThat(mvc.perform(get("/inbox").cookie(session)).andReturn().getResponse().getRedirectedUrl())
                .as("a reset ends the sessions").isEqualTo("/login?ended");
        assertThat(audit(owner.id())).containsExactly("user.password-reset-request", "user.password-reset");

        // at most three reset emails per email within the hour, the same answer beyond
        forgot(owner.email(), "10.1.0.2");
        forgot(owner.email(), "10.1.0.3");
        assertThat(forgot(owner.email(), "10.1.0.4").getStatus()).isEqualTo(200);
        assertThat(outbox(owner.id(), "ACCOUNT_PASSWORD_RESET")).isEqualTo(3L);
        // a newer reset link retires the older ones
        assertThat(jdbc.queryForObject("select count(*) from user_tokens where user_id = ? and purpose ="
                + " 'PASSWORD_RESET' and revoked_at is null and used_at is null", Long.class, owner.id()))
                .isEqualTo(1L);
    }

    @Test
    void shouldRefuseTooManyResetRequestsFromOneAddress() throws Exception {
        String address = "10.2." + (int) (Math.random() * 250) + ".7";
        for (int i = 0; i < 10; i++) {
            assertThat(forgot("someone-" + i + "@firm.test", address).getStatus()).isEqualTo(200);
        }
        MockHttpServletResponse refused = forgot("someone-else@firm.test", address);
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isNotBlank();
        assertThat(refused.getContentAsString()).contains("Too many requests");
    }

    @Test
    void shouldChangeOnesOwnPasswordWithTheCurrentOneOnly() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        UserAccount paralegal = firm.paralegal();
        Map<String, Object> before = snapshot(firm);
        assertProblem(json(post("/api/me/password"), Map.of("currentPassword", PW, "newPassword", "short"))
                .with(basic(paralegal)), 400, "newPassword");
        assertProblem(json(post("/api/me/password"), Map.of("currentPassword", PW, "newPassword", "iloveyou1234"))
                .with(basic(paralegal)), 400, "newPassword");
        assertProblem(json(post("/api/me/password"), Map.of("currentPassword", "wrong", "newPassword",
                NEW_PASSWORD)).with(basic(paralegal)), 400, "currentPassword");
        assertProblem(json(post("/api/me/password"), Map.of("newPassword", NEW_PASSWORD)).with(basic(paralegal)),
                400, "currentPassword");
        assertProblem(json(post("/api/me/password"), Map.of("currentPassword", PW, "newPassword", NEW_PASSWORD)),
                401, null);
        assertThat(snapshot(firm)).isEqualTo(before);

        Cookie session = signIn(paralegal.email(), PW);
        assertThat(status(json(post("/api/me/password"), Map.of("currentPassword", PW, "newPassword", NEW_PASSWORD))
                .with(basic(paralegal)))).isEqualTo(204);
        assertThat(status(get("/api/me").with(httpBasic(paralegal.email(), NEW_PASSWORD)))).isEqualTo(200);
        assertThat(status(get("/api/me").with(basic(paralegal)))).isEqualTo(401);
        assertThat(mvc.perform(get("/inbox").cookie(session)).andReturn().getResponse().getRedirectedUrl())
                .isEqualTo("/login?ended");
        assertThat(audit(paralegal.id())).containsExactly("user.password-change");
    }

    /** Signed in with an API token (HTTP Basic proves the password on every request, which clears the count). */
    @Test
    void shouldCountWrongCurrentPasswordsAsFailedSignIns() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        UserAccount client = firm.client();
        String token = JSON.readTree(mvc.perform(json(post("/api/me/tokens"), Map.of("name", "script"))
                .with(basic(client))).andReturn().getResponse().getContentAsString()).path("token").asString();
        for (int i = 0; i < 5; i++) {
            assertProblem(json(post("/api/me/password"), Map.of("currentPassword", "wrong-" + i, "newPassword",
                    NEW_PASSWORD)).header("Authorization", "Bearer " + token), 400, "currentPassword");
        }
        // the fifth failure locked the email: signing in and the right current password are refused for a while
        assertThat(status(get("/api/me").with(basic(client)))).isEqualTo(429);
        assertProblem(json(post("/api/me/password"), Map.of("currentPassword", PW, "newPassword", NEW_PASSWORD))
                .header("Authorization", "Bearer " + token), 429, null);
        assertThat(jdbc.queryForObject("select count(*) from audit_events where entity_id = ?", Long.class,
                client.id())).isZero();
    }

    @Test
    void shouldChangeThePasswordOnTheAccountPageAndKeepThatSession() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        UserAccount owner = firm.owner();
        Cookie session = signIn(owner.email(), PW);
        Cookie otherSession = signIn(owner.email(), PW);
        MockHttpServletResponse page = mvc.perform(get("/account").cookie(session)).andReturn().getResponse();
        assertThat(page.getContentAsString()).contains("Change your password", "at least 12 characters");

        MockHttpServletResponse refused = mvc.perform(post("/account/password").cookie(session).with(csrf())
                .header("HX-Request", "true").param("currentPassword", PW).param("newPassword", NEW_PASSWORD)
                .param("confirmPassword", "different-phrase-2026")).andReturn().getResponse();
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString()).contains("confirmPassword");

        MockHttpServletResponse changed = mvc.perform(post("/account/password").cookie(session).with(csrf())
                .header("HX-Request", "true").param("currentPassword", PW).param("newPassword", NEW_PASSWORD)
                .param("confirmPassword", NEW_PASSWORD)).andReturn().getResponse();
        assertThat(changed.getStatus()).isEqualTo(200);
        assertThat(changed.getHeader("HX-Trigger")).contains("password is changed");
        assertThat(mvc.perform(get("/inbox").cookie(session)).andReturn().getResponse().getStatus()).isEqualTo(200);
        assertThat(mvc.perform(get("/inbox").cookie(otherSession)).andReturn().getResponse().getRedirectedUrl())
                .isEqualTo("/login?ended");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private UUID invite(TestFirm firm, String name) throws Exception {
        MockHttpServletResponse response = mvc.perform(json(post("/api/users"), Map.of("email",
                name.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8) + "@firm.test",
                "displayName", name, "role", "LAWYER")).with(basic(firm.admin()))).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(201);
        return UUID.fromString(JSON.readTree(response.getContentAsString()).path("id").asString());
    }

    /** The link of the newest pending account email of this kind to the person (the sender is off in tests). */
    private String linkSecret(UUID userId, String kind) {
        String body = jdbc.queryForObject("select body from email_outbox where recipient_id = ? and kind = ?"
                + " and status = 'PENDING' order by created_at desc limit 1", String.class, userId, kind);
        Matcher matcher = LINK.matcher(body);
        assertThat(matcher.find()).as(body).isTrue();
        return matcher.group(1);
    }

    private long outbox(UUID userId, String kind) {
        return jdbc.queryForObject("select count(*) from email_outbox where recipient_id = ? and kind = ?", Long.class,
                userId, kind);
    }

    private MockHttpServletResponse setPassword(String secret, String password, String confirm) throws Exception {
        return mvc.perform(post("/password/set").with(csrf()).param("token", secret).param("password", password)
                .param("confirmPassword", confirm)).andReturn().getResponse();
    }

    private MockHttpServletResponse forgot(String email, String address) throws Exception {
        return mvc.perform(post("/password/forgot").with(csrf()).param("email", email).with(request -> {
            request.setRemoteAddr(address);
            return request;
        })).andReturn().getResponse();
    }

    /** Signs in by form: the session cookie (sessions live in the database, found by their cookie). */
    private Cookie signIn(String email, String password) throws Exception {
        MockHttpServletResponse response = mvc.perform(post("/login").param("username", email)
                .param("password", password).with(csrf())).andReturn().getResponse();
        assertThat(response.getRedirectedUrl()).isEqualTo("/inbox");
        return response.getCookie("SESSION");
    }

    private int status(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse().getStatus();
    }

    private void assertProblem(MockHttpServletRequestBuilder request, int status, String... fields) throws Exception {
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
        assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JsonNode problem = JSON.readTree(response.getContentAsString());
        assertThat(problem.path("title").asString()).isNotBlank();
        if (fields != null && fields.length > 0 && fields[0] != null) {
            List<String> named = new java.util.ArrayList<>();
            problem.path("errors").forEach(e -> named.add(e.path("field").asString()));
            assertThat(named).contains(fields);
        }
    }

    private List<String> audit(UUID userId) {
        return jdbc.queryForList("select action from audit_events where entity_type = 'USER' and entity_id = ?"
                + " order by occurred_at, seq", String.class, userId);
    }

    private Map<String, Object> snapshot(TestFirm firm) {
        Map<String, Object> s = new LinkedHashMap<>();
        UUID org = firm.orgId();
        s.put("users", jdbc.queryForList("select id, email, role, active, password_hash from users where org_id = ?"
                + " order by id", org));
        s.put("members", jdbc.queryForList("select m.matter_id, m.user_id, m.role from matter_members m join matters x"
                + " on x.id = m.matter_id where x.org_id = ? order by 1, 2", org));
        s.put("user_tokens", jdbc.queryForList("select * from user_tokens where org_id = ? order by id", org));
        s.put("api_tokens", jdbc.queryForList("select id, revoked_at from api_tokens where org_id = ? order by id",
                org));
        s.put("outbox", jdbc.queryForList("select id, status from email_outbox where org_id = ? order by id", org));
        s.put("audit", jdbc.queryForObject("select count(*) from audit_events where org_id = ?", Long.class, org));
        return s;
    }

    private static RequestPostProcessor basic(UserAccount user) {
        return httpBasic(user.email(), PW);
    }

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, Map<String, ?> body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(body));
    }
}
