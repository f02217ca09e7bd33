package io.matterflow.api;

import static io.matterflow.support.Workflows.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.directory.UserAccount;
import io.matterflow.instance.InstanceDetails;
import io.matterflow.support.H2Test;
import io.matterflow.support.TestFirm;

/**
 * What a page on another site can make a browser send to the API (penetration test, issue 16, finding 5): a form
 * post or a fetch without a preflight, with the three "simple" content types, and the browser's cached HTTP Basic
 * credentials if the API ever invited it to cache them. State-changing API routes refuse those content types with
 * 415 before anything runs (multipart only on the upload routes), and no 401 of the API offers the Basic
 * scheme, so a browser never prompts for, and never caches, Basic credentials. API clients are unaffected: JSON and
 * requests without a body work as before, with HTTP Basic or a token.
 */
@H2Test
@AutoConfigureMockMvc
class CrossSiteRequestTests extends ApiTestSupport {

    static final String PAYMENTS_SECRET = "development-only-payments-mock-webhook-secret";
    private static volatile Fixture shared;

    /** The content types a cross-site form or a fetch without a preflight can send, as browsers may spell them. */
    static final List<String> SIMPLE_TYPES = List.of(
            "application/x-www-form-urlencoded",
            "application/x-www-form-urlencoded;charset=UTF-8",
            "Application/X-WWW-Form-Urlencoded",
            "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW",
            "text/plain",
            "text/plain;charset=UTF-8",
            " TEXT/PLAIN ; charset=utf-8");

    /** The fixture's ids a path may name: {template}, {instance}, {ready}, {pending}, {doc}, {matter}. */
    record Fixture(TestFirm firm, InstanceDetails instance) {

        String path(String template) {
            return template
                    .replace("{template}", instance.templateId().toString())
                    .replace("{instance}", instance.id().toString())
                    .replace("{ready}", instance.steps().get(0).id().toString())
                    .replace("{doc}", instance.steps().get(1).id().toString())
                    .replace("{pending}", instance.steps().get(2).id().toString())
                    .replace("{matter}", firm.matter().id().toString());
        }
    }

    /** A state-changing route, as the caller who may use it (the matter's owner unless named). */
    record Route(String name, HttpMethod method, String path, boolean asAdmin, boolean asClient) {

        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Route> ROUTES = List.of(
            route("claim", "POST", "/api/workflows/steps/{ready}/claim"),
            route("unclaim", "POST", "/api/workflows/steps/{ready}/unclaim"),
            route("start", "POST", "/api/workflows/steps/{ready}/start"),
            route("complete", "POST", "/api/workflows/steps/{ready}/complete"),
            route("fail", "POST", "/api/workflows/steps/{ready}/fail"),
            route("block", "POST", "/api/workflows/steps/{ready}/block"),
            route("unblock", "POST", "/api/workflows/steps/{ready}/unblock"),
            route("retry", "POST", "/api/workflows/steps/{ready}/retry"),
            new Route("skip", HttpMethod.POST, "/api/workflows/steps/{ready}/skip", true, false),
            route("advance", "POST", "/api/workflows/instances/{instance}/advance"),
            route("rename instance", "PATCH", "/api/workflows/instances/{instance}"),
            route("add step", "POST", "/api/workflows/instances/{instance}/steps"),
            route("edit step", "PATCH", "/api/workflows/instances/{instance}/steps/{pending}"),
            route("remove step", "DELETE", "/api/workflows/instances/{instance}/steps/{pending}"),
            route("create template", "POST", "/api/workflows/templates"),
            route("edit template", "PATCH", "/api/workflows/templates/{template}"),
            route("publish template", "POST", "/api/workflows/templates/{template}/publish"),
            route("instantiate", "POST", "/api/workflows/templates/{template}/instantiate"),
            route("open matter", "POST", "/api/matters"),
            route("set members", "PUT", "/api/matters/{matter}/members"),
            route("mark read", "POST", "/api/notifications/" + UUID.randomUUID() + "/read"),
            route("create token", "POST", "/api/me/tokens"),
            route("revoke token", "DELETE", "/api/me/tokens/" + UUID.randomUUID()),
            new Route("feature flag", HttpMethod.PUT, "/api/admin/feature-flags/workflow.ready-notifications.email",
                    true, false),
            new Route("calendar settings", HttpMethod.PUT, "/api/calendar", true, false),
            new Route("put holiday", HttpMethod.PUT, "/api/calendar/holidays/2026-12-25", true, false),
            new Route("remove holiday", HttpMethod.DELETE, "/api/calendar/holidays/2026-12-25", true, false),
            new Route("upload holidays as a form", HttpMethod.POST, "/api/calendar/holidays/import", true, false),
            new Route("upload as a form", HttpMethod.POST, "/api/workflows/steps/{doc}/documents", false, true));

    static Stream<Arguments> simpleRequests() {
        List<Arguments> all = new ArrayList<>();
        for (Route route : ROUTES) {
            for (String type : SIMPLE_TYPES) {
                if (route.name().startsWith("upload") && type.startsWith("multipart/")) {
                    continue; // the routes that take multipart: see shouldStillTakeMultipartUploads, CalendarApiTests
                }
                all.add(Arguments.of(route, type));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("simpleRequests")
    void shouldRefuseTheContentTypesACrossSiteFormCanSendOnStateChangingRoutes(Route route, String type)
            throws Exception {
        // one firm for every row: a refused request writes nothing, and each row checks that it did not
        if (shared == null) {
            shared = fixture();
        }
        Fixture f = shared;
        var before = written(f.firm().orgId());
        UserAccount caller = route.asAdmin() ? f.firm().admin() : route.asClient() ? f.firm().client()
                : f.firm().owner();
        var request = request(route.method(), f.path(route.path())).header(HttpHeaders.CONTENT_TYPE, type)
                .content(type.contains("multipart") ? multipartBody() : type.contains("form")
                        ? "name=x&approved=true&reason=x" : "{\"name\": \"x\", \"approved\": true}")
                .with(as(caller));

        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();

        String body = response.getContentAsString();
        assertThat(response.getStatus()).as("%s as %s: %s", route, type, body).isEqualTo(415);
        assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(body).contains("\"status\":415").contains("\"title\":\"Unsupported content type\"");
        assertThat(written(f.firm().orgId())).as("rows written by %s as %s", route, type).isEqualTo(before);
    }

    /** The same request with JSON, or without a body and a content type, still works: API clients are unaffected. */
    @Test
    void shouldStillAcceptJsonAndRequestsWithoutABody() throws Exception {
        Fixture f = fixture();
        String ready = f.path("{ready}");
        mvc.perform(post("/api/workflows/steps/{id}/claim", ready).with(as(f.firm().owner())))
                .andExpect(result -> assertThat(result.getResponse().getStatus()).isEqualTo(200));
        mvc.perform(post("/api/workflows/steps/{id}/unclaim", ready).with(as(f.firm().owner()))
                        .contentType(MediaType.APPLICATION_JSON))
                .andExpect(result -> assertThat(result.getResponse().getStatus()).isEqualTo(200));
        mvc.perform(post("/api/workflows/steps/{id}/start", ready).with(as(f.firm().owner()))
                        .contentType("application/json;charset=UTF-8"))
                .andExpect(result -> assertThat(result.getResponse().getStatus()).isEqualTo(200));
        mvc.perform(post("/api/workflows/steps/{id}/complete", ready).with(as(f.firm().owner()))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"approved\": true}"))
                .andExpect(result -> assertThat(result.getResponse().getStatus()).isEqualTo(200));
        // reads are not state-changing: a content type on a GET changes nothing
        mvc.perform(get("/api/workflows/steps/{id}", ready).with(as(f.firm().owner()))
                        .header(HttpHeaders.CONTENT_TYPE, "text/plain"))
                .andExpect(result -> assertThat(result.getResponse().getStatus()).isEqualTo(200));
    }

    /** Uploads need multipart/form-data; a cross-site form post there carries no credentials (see docs). */
    @Test
    void shouldStillTakeMultipartUploadsOnTheDocumentRoute() throws Exception {
        Fixture f = fixture();
        MockHttpServletResponse response = mvc.perform(multipart("/api/workflows/steps/{id}/documents",
                        f.path("{doc}")).file(new MockMultipartFile("file", "passport.pdf", "application/pdf",
                        "%PDF-1.4 passport".getBytes(StandardCharsets.US_ASCII)))
                .with(as(f.firm().client()))).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
    }

    /** Provider webhooks are JSON only: a signed event sent as a form or as text is refused and changes nothing. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("webhookTypes")
    void shouldTakeOnlyJsonOnTheWebhooks(String type) throws Exception {
        String event = "{\"id\": \"evt-" + UUID.randomUUID() + "\", \"type\": \"payment.succeeded\","
                + " \"paymentIntentId\": \"mock-pi-" + UUID.randomUUID() + "\", \"amount\": 1, \"currency\": \"USD\"}";
        long t = Instant.now().getEpochSecond();
        var request = post("/api/webhooks/payments/mock").content(event)
                .header("Matterflow-Signature", signature(PAYMENTS_SECRET, t, event));
        if (type != null) {
            request.header(HttpHeaders.CONTENT_TYPE, type);
        }
        Integer eventsBefore = jdbc.queryForObject("select count(*) from webhook_events", Integer.class);

        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();

        assertThat(response.getStatus()).as("%s: %s", type, response.getContentAsString()).isEqualTo(415);
        assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(jdbc.queryForObject("select count(*) from webhook_events", Integer.class)).isEqualTo(eventsBefore);
    }

    static Stream<String> webhookTypes() {
        return Stream.concat(SIMPLE_TYPES.stream(), Stream.of("application/xml", null));
    }

    // ---------------------------------------------------------------------------------------------- 401s

    /**
     * Every 401 of the API names only the Bearer scheme: a browser that meets {@code WWW-Authenticate: Basic} prompts
     * for a password and then sends it with every later request to the site, also the ones another site's page makes.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource
    void shouldNeverOfferTheBasicSchemeOnA401(String name, AbstractMockHttpServletRequestBuilder<?> request)
            throws Exception {
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();

        assertThat(response.getStatus()).as(name).isEqualTo(401);
        assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        List<String> challenges = response.getHeaders(HttpHeaders.WWW_AUTHENTICATE);
        assertThat(challenges).as("challenges of %s", name).isNotEmpty()
                .allSatisfy(c -> assertThat(c.strip().toLowerCase()).doesNotStartWith("basic"))
                .allSatisfy(c -> assertThat(c).startsWith("Bearer realm=\"Matterflow\""));
    }

    static Stream<Arguments> shouldNeverOfferTheBasicSchemeOnA401() {
        String unknownToken = "Bearer mf_" + "A".repeat(43);
        return Stream.of(
                Arguments.of("no credentials", get("/api/me")),
                Arguments.of("no credentials on a mutation", post("/api/workflows/templates")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"x\", \"steps\": []}")),
                Arguments.of("no credentials on an unknown route", get("/api/nothing")),
                Arguments.of("wrong password", get("/api/me").with(httpBasic("nobody-" + UUID.randomUUID() + "@firm.test", "wrong"))),
                Arguments.of("malformed Basic header", get("/api/me").header(HttpHeaders.AUTHORIZATION, "Basic !!")),
                Arguments.of("unknown API token", get("/api/me").header(HttpHeaders.AUTHORIZATION, unknownToken)),
                Arguments.of("malformed API token", get("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer x")));
    }

    /** curl -u keeps working: Basic credentials sent without being asked for are accepted as before. */
    @Test
    void shouldKeepAcceptingHttpBasicFromApiClients() throws Exception {
        Fixture f = fixture();
        MockHttpServletResponse response = mvc.perform(get("/api/me").with(as(f.firm().owner())))
                .andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).contains(f.firm().owner().email());
    }

    /**
     * The other credential a browser sends along with a cross-site request, the UI's session cookie, does not sign
     * an API call in: with it, a JSON claim is 401 and changes nothing. So a cross-site multipart post to the upload
     * route arrives as nobody.
     */
    @Test
    void shouldNotSignApiCallsInWithTheUiSession() throws Exception {
        Fixture f = fixture();
        Cookie session = mvc.perform(post("/login").with(csrf())
                        .param("username", f.firm().owner().email()).param("password", PASSWORD))
                .andReturn().getResponse().getCookie("SESSION");
        assertThat(mvc.perform(get("/inbox").cookie(session)).andReturn().getResponse().getStatus())
                .as("signed in to the UI").isEqualTo(200);
        var before = written(f.firm().orgId());

        MockHttpServletResponse claim = mvc.perform(post("/api/workflows/steps/{id}/claim", f.path("{ready}"))
                .cookie(session).contentType(MediaType.APPLICATION_JSON)).andReturn().getResponse();
        MockHttpServletResponse upload = mvc.perform(multipart("/api/workflows/steps/{id}/documents",
                        f.path("{doc}")).file(new MockMultipartFile("file", "passport.pdf", "application/pdf",
                        "%PDF-1.4 passport".getBytes(StandardCharsets.US_ASCII))).cookie(session))
                .andReturn().getResponse();

        assertThat(claim.getStatus()).isEqualTo(401);
        assertThat(upload.getStatus()).isEqualTo(401);
        assertThat(written(f.firm().orgId())).isEqualTo(before);
    }

    // ---------------------------------------------------------------------------------------------- machinery

    private Fixture fixture() {
        TestFirm firm = firm();
        InstanceDetails instance = workflows.instance(firm,
                step("Review", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, false),
                step("Passport", ActionType.REQUEST_DOC_CLIENT, RoleScope.CLIENT, false, Map.of(
                        "requestText", "Your passport, please", "acceptedTypes", List.of("application/pdf"))),
                step("Onboarding", ActionType.CHECKLIST, RoleScope.PARALEGAL, true, Map.of("items", List.of("A"))));
        return new Fixture(firm, instance);
    }

    private static Route route(String name, String method, String path) {
        return new Route(name, HttpMethod.valueOf(method), path, false, false);
    }

    private static String multipartBody() {
        return "------WebKitFormBoundary7MA4YWxkTrZu0gW\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nx\r\n"
                + "------WebKitFormBoundary7MA4YWxkTrZu0gW--\r\n";
    }

    static String signature(String secret, long timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
    }
}
