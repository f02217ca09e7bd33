package io.matterflow.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.jayway.jsonpath.JsonPath;

import io.matterflow.audit.AuditEvent;
import io.matterflow.audit.AuditLog;
import io.matterflow.directory.Directory;
import io.matterflow.directory.Role;
import io.matterflow.directory.UserAccount;
import io.matterflow.support.TestFirm;

/**
 * Personal API tokens over HTTP: created, used on real routes as their user, listed without the secret, revoked,
 * expired, refused when malformed or unknown, never accepted by the UI or the actuator, and stored only as their
 * SHA-256. Run on H2 and PostgreSQL by the subclasses.
 */
abstract class ApiTokenScenarios {

    static final String TOKENS = "/api/me/tokens";
    static final String PASSWORD = "pw";

    @Autowired
    MockMvc mvc;
    @Autowired
    Directory directory;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AuditLog audit;
    @Autowired
    DataSource dataSource;
    @Autowired
    Clock clock;

    // ---------------------------------------------------------------------------------------------- the life cycle

    @Test
    void shouldCreateUseListAndRevokeATokenAndThenRefuseIt() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        UserAccount lawyer = firm.owner();

        MvcResult created = mvc.perform(post(TOKENS).with(basic(lawyer)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"CI script\", \"expiresInDays\": 90}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.name").value("CI script"))
                .andExpect(jsonPath("$.lastUsedAt").value((Object) null))
                .andReturn();
        Map<String, Object> body = JsonPath.read(created.getResponse().getContentAsString(), "$");
        assertThat(body).containsOnlyKeys("id", "name", "token", "createdAt", "expiresAt", "lastUsedAt")
                .containsEntry("lastUsedAt", null);
        String token = (String) body.get("token");
        UUID id = UUID.fromString((String) body.get("id"));
        assertThat(token).matches("mf_[A-Za-z0-9_-]{43}");
        assertThat(created.getResponse().getHeader(HttpHeaders.LOCATION)).isEqualTo(TOKENS + "/" + id);
        Instant createdAt = Instant.parse((String) body.get("createdAt"));
        assertThat(createdAt).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
        assertThat(Instant.parse((String) body.get("expiresAt"))).isEqualTo(createdAt.plus(Duration.ofDays(90)));

        mvc.perform(get("/api/me").with(bearer(token)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(lawyer.id().toString()))
                .andExpect(jsonPath("$.email").value(lawyer.email()))
                .andExpect(jsonPath("$.role").value("LAWYER"));

        MvcResult listed = mvc.perform(get(TOKENS).with(bearer(token)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].id").value(id.toString()))
                .andExpect(jsonPath("$.items[0].name").value("CI script"))
                .andExpect(jsonPath("$.items[0].createdAt").value(body.get("createdAt")))
                .andExpect(jsonPath("$.items[0].expiresAt").value(body.get("expiresAt")))
                .andExpect(jsonPath("$.page").value(0))
                .andExpect(jsonPath("$.size").value(20))
                .andExpect(jsonPath("$.total").value(1))
                .andReturn();
        String list = listed.getResponse().getContentAsString();
        Map<String, Object> item = JsonPath.read(list, "$.items[0]");
        assertThat(item).containsOnlyKeys("id", "name", "createdAt", "expiresAt", "lastUsedAt");
        assertThat(Instant.parse((String) item.get("lastUsedAt"))).as("the use was recorded")
                .isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
        assertThat(list).doesNotContain(token).doesNotContain(token.substring(3)).doesNotContain(sha256(token));

        mvc.perform(delete(TOKENS + "/{id}", id).with(bearer(token))).andExpect(status().isNoContent());

        expectInvalidToken(mvc.perform(get("/api/me").with(bearer(token))).andReturn().getResponse());
        mvc.perform(get(TOKENS).with(basic(lawyer)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(0))
                .andExpect(jsonPath("$.total").value(0));
        assertThat(jdbc.queryForObject("select revoked_at from api_tokens where id = ?", Timestamp.class, id))
                .isNotNull();

        List<AuditEvent> events = audit.stream(firm.orgId(), id);
        assertThat(events).extracting(AuditEvent::action).containsExactly("api-token.create", "api-token.revoke");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.entityType()).isEqualTo("API_TOKEN");
            assertThat(e.entityId()).isEqualTo(id);
            assertThat(e.actorId()).isEqualTo(lawyer.id().toString());
            assertThat(e.metadata().toString()).doesNotContain(token.substring(3)).doesNotContain(sha256(token));
        });
        assertThat(events.get(0).toState()).isEqualTo("ACTIVE");
        assertThat(events.get(0).metadata()).containsEntry("name", "CI script")
                .containsEntry("expiresAt", body.get("expiresAt")).doesNotContainKey("createdWithTokenId");
        assertThat(events.get(1).fromState()).isEqualTo("ACTIVE");
        assertThat(events.get(1).toState()).isEqualTo("REVOKED");
    }

    @Test
    void shouldExpireAfterNinetyDaysUnlessToldOtherwise() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        Map<String, Object> standard = create(firm.paralegal(), "{\"name\": \"Nightly export\"}");
        Map<String, Object> shortLived = create(firm.paralegal(), "{\"name\": \"One-off\", \"expiresInDays\": 1}");
        Map<String, Object> longest = create(firm.paralegal(), "{\"name\": \"Year\", \"expiresInDays\": 365}");

        assertThat(lifetime(standard)).isEqualTo(Duration.ofDays(90));
        assertThat(lifetime(shortLived)).isEqualTo(Duration.ofDays(1));
        assertThat(lifetime(longest)).isEqualTo(Duration.ofDays(365));
        mvc.perform(get(TOKENS).with(bearer((String) shortLived.get("token"))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].name").value(org.hamcrest.Matchers.contains("Year", "One-off",
                        "Nightly export")));
    }

    @Test
    void shouldLetATokenCreateAnotherAndRecordWhichOne() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        Map<String, Object> first = create(firm.client(), "{\"name\": \"first\"}");

        MvcResult second = mvc.perform(post(TOKENS).with(bearer((String) first.get("token")))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"second\"}"))
                .andExpect(status().isCreated()).andReturn();
        String secondToken = JsonPath.read(second.getResponse().getContentAsString(), "$.token");
        UUID secondId = UUID.fromString(JsonPath.read(second.getResponse().getContentAsString(), "$.id"));

        mvc.perform(get("/api/me").with(bearer(secondToken)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.id").value(firm.client().id().toString()));
        assertThat(audit.stream(firm.orgId(), secondId).get(0).metadata())
                .containsEntry("createdWithTokenId", first.get("id"));
    }

    /**
     * A token may create tokens, but none that outlives it (issue 16, finding 7): a one-day token minting a 365-day
     * one would turn a short-lived credential into a long-lived one. An explicit {@code expiresInDays} past the
     * creating token's expiry is a 400 naming the field, and nothing is written; without it the new token expires
     * with the creating one (or after the default 90 days, if sooner). A password sign-in is not limited.
     */
    @Test
    void shouldNotLetATokenCreateATokenThatOutlivesIt() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        Map<String, Object> oneDay = create(firm.owner(), "{\"name\": \"one day\", \"expiresInDays\": 1}");
        String token = (String) oneDay.get("token");
        long tokensBefore = tokenCount(firm.owner());
        long auditBefore = auditCount(firm.orgId());

        for (int days : new int[] {365, 90, 2, 1}) {
            mvc.perform(post(TOKENS).with(bearer(token)).contentType(MediaType.APPLICATION_JSON)
                            .content("{\"name\": \"longer\", \"expiresInDays\": " + days + "}"))
                    .andExpect(status().isBadRequest())
                    .andExpect(header().string(HttpHeaders.CONTENT_TYPE,
                            org.hamcrest.Matchers.startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE)))
                    .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.contains("expiresInDays")))
                    .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString(
                            (String) oneDay.get("expiresAt"))));
        }
        assertThat(tokenCount(firm.owner())).isEqualTo(tokensBefore);
        assertThat(auditCount(firm.orgId())).isEqualTo(auditBefore);

        MvcResult capped = mvc.perform(post(TOKENS).with(bearer(token)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"rotated\"}"))
                .andExpect(status().isCreated()).andReturn();
        assertThat((String) JsonPath.read(capped.getResponse().getContentAsString(), "$.expiresAt"))
                .as("expires with the token that created it").isEqualTo(oneDay.get("expiresAt"));

        Map<String, Object> ninetyDays = create(firm.owner(), "{\"name\": \"ninety days\"}");
        MvcResult shorter = mvc.perform(post(TOKENS).with(bearer((String) ninetyDays.get("token")))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"month\", \"expiresInDays\": 30}"))
                .andExpect(status().isCreated()).andReturn();
        assertThat(lifetime(JsonPath.read(shorter.getResponse().getContentAsString(), "$")))
                .isEqualTo(Duration.ofDays(30));
        mvc.perform(post(TOKENS).with(bearer((String) ninetyDays.get("token"))).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"year\", \"expiresInDays\": 365}"))
                .andExpect(status().isBadRequest());
        assertThat(lifetime(create(firm.owner(), "{\"name\": \"year\", \"expiresInDays\": 365}")))
                .as("signed in with the password").isEqualTo(Duration.ofDays(365));
    }

    // ---------------------------------------------------------------------------------------------- the principal

    @Test
    void shouldSignInAsTheSameUserWithTheSamePermissionsAsHttpBasic() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        String admin = (String) create(firm.admin(), "{\"name\": \"admin\"}").get("token");
        String client = (String) create(firm.client(), "{\"name\": \"client\"}").get("token");

        mvc.perform(get("/api/audit").with(bearer(admin))).andExpect(status().isOk());
        mvc.perform(get("/api/audit").with(bearer(client))).andExpect(status().isForbidden());
        mvc.perform(get("/api/users").with(bearer(client))).andExpect(status().isForbidden());
        mvc.perform(get("/api/matters/{id}", firm.matter().id()).with(bearer(client)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.reference").value(firm.matter().reference()));
        mvc.perform(get("/api/matters/{id}", firm.matter().id()).with(bearer(admin)))
                .andExpect(status().isOk());

        TestFirm other = TestFirm.create(directory);
        String otherAdmin = (String) create(other.admin(), "{\"name\": \"other\"}").get("token");
        mvc.perform(get("/api/matters/{id}", firm.matter().id()).with(bearer(otherAdmin)))
                .andExpect(status().isNotFound());
    }

    @Test
    void shouldKeepHttpBasicWorkingAsBefore() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        mvc.perform(get("/api/me").with(basic(firm.associate())))
                .andExpect(status().isOk()).andExpect(jsonPath("$.id").value(firm.associate().id().toString()));
        MockHttpServletResponse refused = mvc.perform(get("/api/me")
                .with(httpBasic(firm.associate().email(), "wrong"))).andReturn().getResponse();
        assertThat(refused.getStatus()).isEqualTo(401);
        // Bearer only: a Basic challenge would make a browser prompt for, and cache, the password (issue 16)
        assertThat(refused.getHeaders(HttpHeaders.WWW_AUTHENTICATE)).containsExactly("Bearer realm=\"Matterflow\"");
    }

    @Test
    void shouldChallengeWithBearerOnlyWhenNotSignedIn() throws Exception {
        MockHttpServletResponse response = mvc.perform(get(TOKENS)).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(response.getHeaders(HttpHeaders.WWW_AUTHENTICATE)).containsExactly("Bearer realm=\"Matterflow\"");
        mvc.perform(post(TOKENS).contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"x\"}"))
                .andExpect(status().isUnauthorized());
        mvc.perform(delete(TOKENS + "/{id}", UUID.randomUUID())).andExpect(status().isUnauthorized());
    }

    // ---------------------------------------------------------------------------------------------- refusals

    @Test
    void shouldRefuseAnExpiredToken() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        Map<String, Object> created = create(firm.owner(), "{\"name\": \"old\", \"expiresInDays\": 1}");
        String token = (String) created.get("token");
        mvc.perform(get("/api/me").with(bearer(token))).andExpect(status().isOk());

        Instant past = Instant.now().minus(Duration.ofDays(2));
        jdbc.update("update api_tokens set created_at = ?, expires_at = ? where id = ?", Timestamp.from(past),
                Timestamp.from(past.plus(Duration.ofDays(1))), UUID.fromString((String) created.get("id")));

        expectInvalidToken(mvc.perform(get("/api/me").with(bearer(token))).andReturn().getResponse());
        mvc.perform(get(TOKENS).with(basic(firm.owner())))
                .andExpect(status().isOk()).andExpect(jsonPath("$.total").value(0));
    }

    @ParameterizedTest(name = "Authorization: {0}")
    @ValueSource(strings = {
            "Bearer",
            "Bearer ",
            "Bearer not-a-token",
            "Bearer mf_",
            "Bearer mf_tooShort",
            "Bearer mf_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "Bearer mf_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "Bearer mf_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            "Bearer mf_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+/",
            "Bearer xx_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
            "Bearer mf_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA mf_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "bearer mf_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void shouldRefuseAMalformedOrUnknownBearerTokenWithAProblemDetail(String authorization) throws Exception {
        for (var request : List.of(get("/api/me"), get(TOKENS), post(TOKENS).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"x\"}"), delete(TOKENS + "/{id}", UUID.randomUUID()))) {
            expectInvalidToken(mvc.perform(request.header(HttpHeaders.AUTHORIZATION, authorization))
                    .andReturn().getResponse());
        }
    }

    @Test
    void shouldAcceptTheSchemeInAnyCase() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        String token = (String) create(firm.owner(), "{\"name\": \"case\"}").get("token");
        mvc.perform(get("/api/me").header(HttpHeaders.AUTHORIZATION, "bearer " + token)).andExpect(status().isOk());
        mvc.perform(get("/api/me").header(HttpHeaders.AUTHORIZATION, "BEARER  " + token)).andExpect(status().isOk());
    }

    @Test
    void shouldRefuseATokenOnceItsUserIsGone() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        UserAccount leaver = directory.createUser(firm.orgId(), "leaver-" + UUID.randomUUID() + "@firm.test",
                "Leaver", Role.PARALEGAL, PASSWORD);
        String token = (String) create(leaver, "{\"name\": \"leaver\"}").get("token");
        mvc.perform(get("/api/me").with(bearer(token))).andExpect(status().isOk());

        jdbc.update("delete from users where id = ?", leaver.id());

        assertThat(jdbc.queryForObject("select count(*) from api_tokens where user_id = ?", Long.class, leaver.id()))
                .as("the user's tokens go with the user").isZero();
        expectInvalidToken(mvc.perform(get("/api/me").with(bearer(token))).andReturn().getResponse());
    }

    @Test
    void shouldNotLetAnyoneElseRevokeMyToken() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        Map<String, Object> mine = create(firm.owner(), "{\"name\": \"mine\"}");
        String token = (String) mine.get("token");
        String id = (String) mine.get("id");
        long auditBefore = auditCount(firm.orgId());

        for (UserAccount someoneElse : List.of(firm.associate(), firm.admin(), TestFirm.create(directory).admin())) {
            mvc.perform(delete(TOKENS + "/{id}", id).with(basic(someoneElse)))
                    .andExpect(status().isNotFound())
                    .andExpect(header().string(HttpHeaders.CONTENT_TYPE,
                            org.hamcrest.Matchers.startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE)))
                    .andExpect(jsonPath("$.title").value("API token not found"));
        }
        mvc.perform(delete(TOKENS + "/{id}", UUID.randomUUID()).with(basic(firm.owner())))
                .andExpect(status().isNotFound());

        assertThat(jdbc.queryForObject("select revoked_at from api_tokens where id = ?", Timestamp.class,
                UUID.fromString(id))).isNull();
        assertThat(auditCount(firm.orgId())).isEqualTo(auditBefore);
        mvc.perform(get("/api/me").with(bearer(token))).andExpect(status().isOk());
        mvc.perform(get(TOKENS).with(basic(firm.associate())))
                .andExpect(status().isOk()).andExpect(jsonPath("$.total").value(0));
    }

    @Test
    void shouldRevokeARevokedTokenAgainWithoutRecordingIt() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        String id = (String) create(firm.owner(), "{\"name\": \"twice\"}").get("id");
        mvc.perform(delete(TOKENS + "/{id}", id).with(basic(firm.owner()))).andExpect(status().isNoContent());
        long auditAfterFirst = auditCount(firm.orgId());
        mvc.perform(delete(TOKENS + "/{id}", id).with(basic(firm.owner()))).andExpect(status().isNoContent());
        assertThat(auditCount(firm.orgId())).isEqualTo(auditAfterFirst);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{}                                              | name",
            "{\"name\": null}                                | name",
            "{\"name\": \"\"}                                | name",
            "{\"name\": \"   \"}                             | name",
            "{\"name\": 5}                                   | name",
            "{\"name\": \"x\", \"expiresInDays\": 0}         | expiresInDays",
            "{\"name\": \"x\", \"expiresInDays\": -1}        | expiresInDays",
            "{\"name\": \"x\", \"expiresInDays\": 366}       | expiresInDays",
            "{\"name\": \"x\", \"expiresInDays\": \"x\"}     | expiresInDays",
            "{\"name\": \"x\", \"expiresInDays\": \"30\"}    | expiresInDays",
            "{\"name\": \"x\", \"expiresInDays\": 1.5}       | expiresInDays",
            "{\"name\": \"x\", \"expiresInDays\": 99999999999} | expiresInDays",
            "{\"name\": \"x\", \"scopes\": [\"read\"]}       | scopes",
            "{\"name\": \"x\", \"token\": \"mf_mine\"}       | token"})
    void shouldRefuseInvalidRequestsNamingTheFieldAndWriteNothing(String body, String field) throws Exception {
        TestFirm firm = TestFirm.create(directory);
        expectRefused(firm, body, field);
    }

    @Test
    void shouldRefuseANameOfMoreThanAHundredCharacters() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        expectRefused(firm, "{\"name\": \"" + "x".repeat(101) + "\"}", "name");
        create(firm.owner(), "{\"name\": \"" + "x".repeat(100) + "\"}");
    }

    // ---------------------------------------------------------------------------------------------- only the API

    @Test
    void shouldNotSignInToTheWebUiWithAToken() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        String token = (String) create(firm.owner(), "{\"name\": \"ui\"}").get("token");
        for (String page : List.of("/inbox", "/matters", "/notifications")) {
            MockHttpServletResponse response = mvc.perform(get(page).with(bearer(token))).andReturn().getResponse();
            assertThat(response.getStatus()).as(page).isEqualTo(302);
            assertThat(response.getRedirectedUrl()).as(page).endsWith("/login");
        }
    }

    @Test
    void shouldNotSignInToTheActuatorWithAToken() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        String token = (String) create(firm.admin(), "{\"name\": \"ops\"}").get("token");
        for (String endpoint : List.of("/actuator/metrics", "/actuator/info")) {
            mvc.perform(get(endpoint).with(bearer(token))).andExpect(status().isUnauthorized());
            mvc.perform(get(endpoint).with(basic(firm.admin()))).andExpect(status().isOk());
        }
    }

    // ---------------------------------------------------------------------------------------------- storage

    @Test
    void shouldStoreOnlyTheSha256OfTheToken() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        Map<String, Object> created = create(firm.owner(), "{\"name\": \"stored\"}");
        String token = (String) created.get("token");

        Map<String, Object> row = jdbc.queryForMap("select * from api_tokens where id = ?",
                UUID.fromString((String) created.get("id")));
        assertThat(row.get("token_hash")).isEqualTo(sha256(token));
        assertThat((String) row.get("token_hash")).matches("[0-9a-f]{64}");
        assertThat(row.get("user_id")).isEqualTo(firm.owner().id());
        assertThat(row.get("org_id")).isEqualTo(firm.orgId());
        assertThat(row.values()).allSatisfy(value ->
                assertThat(String.valueOf(value)).doesNotContain(token.substring(3)));
        assertThat(jdbc.queryForObject("select count(*) from audit_events where cast(metadata as varchar(10000))"
                + " like ?", Long.class, "%" + token.substring(3) + "%")).isZero();
    }

    @Test
    void shouldRecordTheLastUseAtMostOncePerMinute() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        Map<String, Object> created = create(firm.owner(), "{\"name\": \"busy\"}");
        String token = (String) created.get("token");
        UUID id = UUID.fromString((String) created.get("id"));
        assertThat(lastUsed(id)).isNull();

        mvc.perform(get("/api/me").with(bearer(token))).andExpect(status().isOk());
        Instant first = lastUsed(id);
        assertThat(first).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));

        Instant recent = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
        jdbc.update("update api_tokens set last_used_at = ? where id = ?", Timestamp.from(recent), id);
        mvc.perform(get("/api/me").with(bearer(token))).andExpect(status().isOk());
        assertThat(lastUsed(id)).as("used again within the minute: not written").isEqualTo(recent);

        Instant old = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.MILLIS);
        jdbc.update("update api_tokens set last_used_at = ? where id = ?", Timestamp.from(old), id);
        mvc.perform(get("/api/me").with(bearer(token))).andExpect(status().isOk());
        assertThat(lastUsed(id)).as("more than a minute later: written").isAfter(old.plusSeconds(60));
    }

    @Test
    void shouldCheckATokenWithOneStatementInTheCommonCase() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        String token = (String) create(firm.owner(), "{\"name\": \"fast\"}").get("token");
        List<String> statements = new java.util.concurrent.CopyOnWriteArrayList<>();
        ApiTokens counted = new ApiTokens(new JdbcTemplate(counting(dataSource, statements)), audit, clock);

        assertThat(counted.authenticate(token)).get().extracting(t -> t.user().id()).isEqualTo(firm.owner().id());
        assertThat(statements).as("the first use: the lookup and the record of its use").hasSize(2);
        assertThat(statements.get(0)).contains("token_hash = ?").contains("join users");
        statements.clear();

        assertThat(counted.authenticate(token)).isPresent();
        assertThat(statements).as("used again within the minute: the lookup only").hasSize(1);
        statements.clear();

        assertThat(counted.authenticate("mf_" + "B".repeat(43))).isEmpty();
        assertThat(statements).as("an unknown token: the lookup only").hasSize(1);
        statements.clear();

        assertThat(counted.authenticate("mf_short")).isEmpty();
        assertThat(counted.authenticate("Basic " + token)).isEmpty();
        assertThat(statements).as("a malformed token never reaches the database").isEmpty();
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /** The data source, recording the SQL of every statement prepared through it. */
    private static DataSource counting(DataSource target, List<String> statements) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    if (result instanceof Connection connection) {
                        return Proxy.newProxyInstance(Connection.class.getClassLoader(),
                                new Class<?>[] {Connection.class}, (p, m, a) -> {
                                    if (m.getName().startsWith("prepare") || m.getName().equals("createStatement")) {
                                        statements.add(a != null && a.length > 0 ? String.valueOf(a[0]) : "?");
                                    }
                                    return invoke(connection, m, a);
                                });
                    }
                    return result;
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private void expectRefused(TestFirm firm, String body, String field) throws Exception {
        long tokensBefore = tokenCount(firm.owner());
        long auditBefore = auditCount(firm.orgId());
        mvc.perform(post(TOKENS).with(basic(firm.owner())).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(header().string(HttpHeaders.CONTENT_TYPE,
                        org.hamcrest.Matchers.startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE)))
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.hasItem(field)));
        assertThat(tokenCount(firm.owner())).as("tokens after %s", body).isEqualTo(tokensBefore);
        assertThat(auditCount(firm.orgId())).as("audit events after %s", body).isEqualTo(auditBefore);
    }

    private static void expectInvalidToken(MockHttpServletResponse response) throws Exception {
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(401);
        assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        String body = response.getContentAsString();
        assertThat((Integer) JsonPath.read(body, "$.status")).isEqualTo(401);
        assertThat((String) JsonPath.read(body, "$.title")).isEqualTo("Invalid API token");
        assertThat(response.getHeaders(HttpHeaders.WWW_AUTHENTICATE))
                .containsExactly("Bearer realm=\"Matterflow\", error=\"invalid_token\"");
    }

    Map<String, Object> create(UserAccount user, String body) throws Exception {
        MvcResult result = mvc.perform(post(TOKENS).with(basic(user)).contentType(MediaType.APPLICATION_JSON)
                .content(body)).andExpect(status().isCreated()).andReturn();
        return JsonPath.read(result.getResponse().getContentAsString(), "$");
    }

    private static Duration lifetime(Map<String, Object> token) {
        return Duration.between(Instant.parse((String) token.get("createdAt")),
                Instant.parse((String) token.get("expiresAt")));
    }

    private Instant lastUsed(UUID id) {
        Timestamp time = jdbc.queryForObject("select last_used_at from api_tokens where id = ?", Timestamp.class, id);
        return time == null ? null : time.toInstant();
    }

    private long tokenCount(UserAccount user) {
        return jdbc.queryForObject("select count(*) from api_tokens where user_id = ?", Long.class, user.id());
    }

    private long auditCount(UUID orgId) {
        return jdbc.queryForObject("select count(*) from audit_events where org_id = ?", Long.class, orgId);
    }

    static RequestPostProcessor basic(UserAccount user) {
        return httpBasic(user.email(), PASSWORD);
    }

    static RequestPostProcessor bearer(String token) {
        return request -> {
            request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
            return request;
        };
    }

    static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
