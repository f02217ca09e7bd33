package io.matterflow.api;

import static io.matterflow.support.Workflows.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.directory.UserAccount;
import io.matterflow.instance.InstanceDetails;
import io.matterflow.instance.StepRuntime;
import io.matterflow.support.PostgresTest;
import io.matterflow.support.TestFirm;
import tools.jackson.databind.JsonNode;

/**
 * A generated fuzz over every route of docs/openapi.yaml: a seeded {@link Random} mutates the documented example
 * bodies, types, strings, ids, methods, content types and credentials. Whatever it sends, the answer is below 500,
 * every refusal is a problem detail (a 400 with {@code errors}), and a refused request leaves the database as it was.
 */
@PostgresTest
@AutoConfigureMockMvc
class RequestFuzzTests extends ApiTestSupport {

    private static final Logger log = LoggerFactory.getLogger(RequestFuzzTests.class);

    /** Fixed so that a failure replays; printed in every failure message. */
    static final long SEED = 0x6d61747465724cL;
    /** Requests per route at least: every route of the API description gets its share. */
    static final int PER_ROUTE = 100;
    /** A new firm (with its instance) every so many requests, so that successful requests do not exhaust the state. */
    static final int REFRESH_EVERY = 650;

    static final Pattern UUID_PATTERN =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
    static final String LONE = "@@LONE_SURROGATE@@";

    enum Category {
        VALID_SEED, DROPPED_FIELD, DUPLICATED_FIELD, RENAMED_FIELD, TRUNCATED_JSON, RANDOM_BYTES, WRONG_TYPE,
        HUGE_STRING, UNICODE, DEEP_NESTING, OTHER_FIRM_ID, INVALID_BODY_ID, PATH_NOT_UUID, WRONG_METHOD,
        WRONG_CONTENT_TYPE, MISSING_CONTENT_TYPE, MULTIPART_JSON_SWAP, BAD_QUERY, NO_CREDENTIALS, WRONG_PASSWORD,
        MALFORMED_AUTHORIZATION, UNKNOWN_USER
    }

    enum Role { ADMIN, OWNER, ASSOCIATE, OUTSIDER, PARALEGAL, CLIENT }

    /** One documented operation. */
    record Route(String method, String path, List<Map<String, Object>> parameters, List<Object> examples,
                 Map<String, Object> schema, boolean multipart, boolean hasBody) {

        boolean webhook() {
            return path.startsWith("/api/webhooks/");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** The firm being fuzzed: an instance with a READY document request, an IN_PROGRESS approval, a PENDING checklist. */
    record Fixture(TestFirm firm, InstanceDetails instance, UUID draftTemplate) {

        List<UUID> steps() {
            return instance.steps().stream().map(s -> s.id()).toList();
        }

        List<UUID> users() {
            return List.of(firm.admin().id(), firm.owner().id(), firm.associate().id(), firm.outsider().id(),
                    firm.paralegal().id(), firm.client().id());
        }

        UserAccount user(Role role) {
            return switch (role) {
                case ADMIN -> firm.admin();
                case OWNER -> firm.owner();
                case ASSOCIATE -> firm.associate();
                case OUTSIDER -> firm.outsider();
                case PARALEGAL -> firm.paralegal();
                case CLIENT -> firm.client();
            };
        }
    }

    /** One generated request. */
    record Fuzzed(int n, Category category, Route route, String method, String uri, byte[] body, String contentType,
                  MockMultipartFile file, Map<String, String> headers, String authorization, String who) {

        String describe() {
            String text = body == null ? "<none>" : new String(body, StandardCharsets.UTF_8);
            if (text.length() > 300) {
                text = text.substring(0, 300) + "...(" + body.length + " bytes)";
            }
            String shownUri = uri.length() > 200 ? uri.substring(0, 200) + "..." : uri;
            return "#" + n + " [seed " + SEED + "] " + category + " " + method + " " + shownUri + " (route " + route
                    + ") as " + who + ", content type " + contentType + (file == null ? "" : ", file part "
                    + file.getName() + "/" + file.getOriginalFilename()) + ", headers " + headers.keySet()
                    + ", body " + text;
        }
    }

    @Autowired
    StepRuntime runtime;

    private final Random random = new Random(SEED);
    private final Map<Integer, String> hugeStrings = new TreeMap<>();
    private Map<String, Object> components;

    @Test
    void shouldAnswerEveryFuzzedRequestBelow500WithAProblemDetailAndWriteNothingWhenRefused() throws Exception {
        long started = System.nanoTime();
        List<Route> routes = routes();
        assertThat(routes).as("routes in docs/openapi.yaml").hasSizeGreaterThan(30);

        Fixture other = fixture();
        Fixture fixture = fixture();
        var perCategory = new EnumMap<Category, Integer>(Category.class);
        var perRoute = new TreeMap<String, Integer>();
        var histogram = new TreeMap<Integer, Integer>();
        var failures = new ArrayList<String>();
        int refused = 0;
        int succeeded = 0;
        int writes = 0;

        // routes are drawn in turn, so a few over PER_ROUTE each keeps every route at PER_ROUTE or more
        int requests = routes.size() * (PER_ROUTE + 4);
        for (int n = 0; n < requests; n++) {
            if (n > 0 && n % REFRESH_EVERY == 0) {
                fixture = fixture();
            }
            Route route = routes.get(n % routes.size());
            Category category = Category.values()[random.nextInt(Category.values().length)];
            Fuzzed fuzzed = generate(n, category, route, fixture, other);

            String before = snapshot(fixture, other);
            MockHttpServletResponse response = mvc.perform(build(fuzzed)).andReturn().getResponse();
            int status = response.getStatus();
            histogram.merge(status, 1, Integer::sum);
            perCategory.merge(category, 1, Integer::sum);
            perRoute.merge(route.toString(), 1, Integer::sum);

            String body = response.getContentAsString(StandardCharsets.UTF_8);
            String shownBody = body.length() > 500 ? body.substring(0, 500) + "..." : body;
            if (status >= 500) {
                failures.add("status " + status + " for " + fuzzed.describe() + " -> " + shownBody);
            } else if (status >= 400) {
                refused++;
                String problem = checkProblem(response, status, body);
                if (problem != null) {
                    failures.add(problem + " for " + fuzzed.describe() + " -> " + shownBody);
                }
                String after = snapshot(fixture, other);
                if (!after.equals(before)) {
                    failures.add("database changed by refused (" + status + ") " + fuzzed.describe());
                }
            } else {
                succeeded++;
                if (!snapshot(fixture, other).equals(before)) {
                    writes++;
                }
            }
            if (failures.size() >= 40) {
                break;
            }
        }

        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        int sent = histogram.values().stream().mapToInt(Integer::intValue).sum();
        String summary = "fuzz seed " + SEED + ": " + sent + " requests over " + routes.size() + " routes in "
                + seconds + " s; " + succeeded + " succeeded (" + writes + " of them wrote), " + refused
                + " refused; statuses " + histogram
                + "; categories " + perCategory;
        log.info(summary);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/request-fuzz-summary.txt"), summary + "\nroutes " + perRoute + "\n");

        assertThat(failures).as("%s%nfailures", summary).isEmpty();
        assertThat(sent).as(summary).isGreaterThanOrEqualTo(5_000);
        assertThat(writes).as("successful requests the digest saw write (else it could not see a refusal write): %s",
                summary).isPositive();
        assertThat(perRoute.keySet()).as("routes fuzzed: %s", summary).hasSize(routes.size());
        assertThat(perRoute.values()).as("requests per route: %s", perRoute).allMatch(count -> count >= PER_ROUTE);
        assertThat(perCategory.keySet()).as("categories: %s", summary).hasSize(Category.values().length);
    }

    // ---------------------------------------------------------------------------------------------- checks

    /** Null when the response is a proper problem detail, else what is wrong with it. */
    private static String checkProblem(MockHttpServletResponse response, int status, String body) {
        String type = response.getContentType();
        if (type == null || !MediaType.parseMediaType(type).isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)) {
            return "content type " + type + " of a " + status;
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (RuntimeException e) {
            return "unparseable problem body of a " + status;
        }
        if (!json.path("status").isInt() || json.path("status").asInt() != status) {
            return "problem status " + json.path("status") + " of a " + status;
        }
        if (!json.path("title").isString() || json.path("title").asString().isBlank()) {
            return "problem without a title, a " + status;
        }
        if (status == 400 && (!json.path("errors").isArray() || json.path("errors").isEmpty())) {
            return "400 without errors";
        }
        return null;
    }

    /**
     * A digest of everything a request could write to the firms it reaches (the fuzzed firm and the other firm): per
     * table, the row count and an md5 of every row's text; and every webhook event, and the number of firms.
     * Idempotency keys are left out: a refused answer is kept for replay by design; so are API tokens, whose last
     * use is recorded even when the request it signed in is then refused.
     */
    private String snapshot(Fixture fuzzed, Fixture other) {
        String orgs = "('" + fuzzed.firm().orgId() + "'::uuid, '" + other.firm().orgId() + "'::uuid)";
        String templates = "(select id from workflow_templates where org_id in " + orgs + ")";
        String sql = String.join(" union all ",
                digestOf("users", "org_id in " + orgs),
                digestOf("matters", "org_id in " + orgs),
                digestOf("matter_members", "matter_id in (select id from matters where org_id in " + orgs + ")"),
                digestOf("workflow_templates", "org_id in " + orgs),
                digestOf("workflow_template_steps", "template_id in " + templates),
                digestOf("workflow_template_versions", "template_id in " + templates),
                digestOf("workflow_instances", "org_id in " + orgs),
                digestOf("workflow_instance_steps", "org_id in " + orgs),
                digestOf("documents", "org_id in " + orgs),
                digestOf("audit_events", "org_id in " + orgs),
                digestOf("audit_heads", "org_id in " + orgs),
                digestOf("feature_flags", "org_id in " + orgs),
                digestOf("firm_calendars", "org_id in " + orgs),
                digestOf("firm_holidays", "org_id in " + orgs),
                digestOf("user_tokens", "org_id in " + orgs),
                digestOf("email_outbox", "org_id in " + orgs),
                digestOf("webhook_events", "true"),
                "(select 'organizations:' || count(*) from organizations)");
        return String.join(";", jdbc.queryForList(sql, String.class));
    }

    private static String digestOf(String table, String where) {
        return "(select '" + table + ":' || count(*) || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)),"
                + " '') from " + table + " t where " + where + ")";
    }

    // ---------------------------------------------------------------------------------------------- the routes

    @SuppressWarnings("unchecked")
    private List<Route> routes() throws Exception {
        var options = new LoaderOptions();
        options.setCodePointLimit(50_000_000);
        Map<String, Object> doc = new Yaml(options).load(Files.readString(Path.of("docs/openapi.yaml")));
        components = (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("schemas");
        var routes = new ArrayList<Route>();
        var paths = (Map<String, Map<String, Object>>) doc.get("paths");
        paths.forEach((path, operations) -> operations.forEach((method, value) -> {
            if (!METHODS.contains(method.toUpperCase())) {
                return;
            }
            var operation = (Map<String, Object>) value;
            var parameters = (List<Map<String, Object>>) operation.getOrDefault("parameters", List.of());
            var examples = new ArrayList<Object>();
            Map<String, Object> schema = null;
            boolean multipart = false;
            boolean hasBody = false;
            var requestBody = (Map<String, Object>) operation.get("requestBody");
            if (requestBody != null) {
                hasBody = true;
                var content = (Map<String, Map<String, Object>>) requestBody.get("content");
                multipart = content.containsKey("multipart/form-data");
                var json = content.get("application/json");
                if (json != null) {
                    schema = (Map<String, Object>) json.get("schema");
                    var named = (Map<String, Map<String, Object>>) json.get("examples");
                    if (named != null) {
                        named.values().forEach(e -> examples.add(e.get("value")));
                    }
                    if (json.get("example") != null) {
                        examples.add(json.get("example"));
                    }
                    if (examples.isEmpty() && schema != null) {
                        examples.add(sample(schema, 0));
                    }
                }
            }
            routes.add(new Route(method.toUpperCase(), path, parameters, examples, schema, multipart, hasBody));
        }));
        return routes;
    }

    /** A value the schema describes, for bodies without an example. */
    @SuppressWarnings("unchecked")
    private Object sample(Map<String, Object> schema, int depth) {
        if (schema == null || depth > 6) {
            return "x";
        }
        if (schema.containsKey("$ref")) {
            String name = ((String) schema.get("$ref")).substring("#/components/schemas/".length());
            return sample((Map<String, Object>) components.get(name), depth + 1);
        }
        if (schema.get("example") != null) {
            return schema.get("example");
        }
        if (schema.get("enum") instanceof List<?> values && !values.isEmpty()) {
            return values.get(0);
        }
        Object type = schema.get("type");
        if (type instanceof List<?> types) {
            type = types.stream().map(Object::toString).filter(t -> !"null".equals(t)).findFirst().orElse("string");
        }
        if ("object".equals(type) || schema.containsKey("properties")) {
            var value = new LinkedHashMap<String, Object>();
            var properties = (Map<String, Map<String, Object>>) schema.getOrDefault("properties", Map.of());
            properties.forEach((name, property) -> value.put(name, sample(property, depth + 1)));
            return value;
        }
        if ("array".equals(type)) {
            return new ArrayList<>(List.of(sample((Map<String, Object>) schema.get("items"), depth + 1)));
        }
        if ("integer".equals(type) || "number".equals(type)) {
            return 1;
        }
        if ("boolean".equals(type)) {
            return true;
        }
        if ("uuid".equals(schema.get("format"))) {
            return randomUuid();
        }
        return "text";
    }

    // ---------------------------------------------------------------------------------------------- fixtures

    private Fixture fixture() {
        var firm = firm();
        var instance = workflows.instance(firm,
                step("Passport", ActionType.REQUEST_DOC_CLIENT, RoleScope.CLIENT, false, Map.of(
                        "requestText", "Your passport, please", "acceptedTypes", List.of("application/pdf"))),
                step("Conflict check", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true),
                step("Onboarding", ActionType.CHECKLIST, RoleScope.PARALEGAL, true,
                        Map.of("items", List.of("A", "B"))));
        runtime.start(firm.as(firm.owner()), instance.steps().get(1).id());
        var draft = templates.create(firm.as(firm.owner()), "Draft " + UUID.randomUUID(), null,
                List.of(step("Check", ActionType.CHECKLIST, RoleScope.PARALEGAL, true, Map.of("items", List.of("A")))));
        return new Fixture(firm, instance, draft.id());
    }

    // ---------------------------------------------------------------------------------------------- generation

    private Fuzzed generate(int n, Category category, Route route, Fixture f, Fixture other) {
        Fixture idSource = category == Category.OTHER_FIRM_ID && random.nextBoolean() ? other : f;
        String method = route.method();
        if (category == Category.WRONG_METHOD) {
            var wrong = new ArrayList<>(METHODS);
            wrong.remove(route.method());
            method = wrong.get(random.nextInt(wrong.size()));
        }
        String uri = path(route, category, idSource) + query(route, category, f);

        // the body
        byte[] body = null;
        String contentType = null;
        MockMultipartFile file = null;
        boolean sendMultipart = route.multipart() != (category == Category.MULTIPART_JSON_SWAP);
        if (sendMultipart && (route.hasBody() || category == Category.MULTIPART_JSON_SWAP)) {
            file = upload(category);
        } else if (route.hasBody() || random.nextInt(4) == 0 || category == Category.WRONG_METHOD) {
            Object seed = route.examples().isEmpty() ? new LinkedHashMap<String, Object>()
                    : copy(route.examples().get(random.nextInt(route.examples().size())));
            seed = withIds(seed, null, category == Category.OTHER_FIRM_ID ? other : f, category);
            body = mutate(category, seed);
            contentType = MediaType.APPLICATION_JSON_VALUE;
        }
        if (body != null && category == Category.WRONG_CONTENT_TYPE) {
            contentType = pick("text/plain", "application/xml", "application/x-www-form-urlencoded", "foo",
                    "application/json; charset=UTF-16", "image/png", "application/*", "multipart/form-data",
                    "application/problem+json", ";;", "application/json; boundary=\"");
        }
        if (category == Category.MISSING_CONTENT_TYPE) {
            contentType = null;
        }

        // the headers and the caller
        var headers = new LinkedHashMap<String, String>();
        if (route.path().startsWith("/api/workflows/") && random.nextInt(6) == 0) {
            headers.put("Idempotency-Key", pick("key-" + random.nextInt(20), "", " ", "ü-key", "x".repeat(300),
                    "key\twith\ttabs", randomUuid()));
        }
        if (route.webhook()) {
            headers.putAll(signature(route, category, body));
        }
        Role role = Role.values()[random.nextInt(Role.values().length)];
        String who = role.name();
        String authorization = basic(f.user(role).email(), PASSWORD);
        switch (category) {
            case NO_CREDENTIALS -> {
                authorization = null;
                who = "nobody";
            }
            case WRONG_PASSWORD -> {
                authorization = basic(f.user(role).email(), pick("wrong", "", PASSWORD + " ", "PW", "pw\u0000"));
                who = role + " with a wrong password";
            }
            case MALFORMED_AUTHORIZATION -> {
                authorization = pick("Basic", "Basic ", "Basic !!!not-base64!!!", "Bearer abc.def.ghi",
                        "Basic " + b64("no-colon-here"), "Basic " + b64(":"), "Basic " + b64(":" + PASSWORD),
                        "Digest username=\"x\"", "basic " + b64(f.user(role).email() + ":" + PASSWORD) + "=",
                        "Basic " + "A".repeat(20_000), "Basic " + b64("\u00ff\u00fe:\u0000"), "Basic ====",
                        "Basic " + b64(f.user(role).email() + ":" + PASSWORD) + " trailing", "\u00e9\u00e8",
                        "Bearer", "Bearer mf_", "Bearer mf_" + "A".repeat(43), "Bearer mf_" + "A".repeat(20_000),
                        "Bearer mf_" + "\u00e9".repeat(43));
                who = "malformed Authorization";
            }
            case UNKNOWN_USER -> {
                authorization = basic(pick("nobody@firm.test", "", "x".repeat(500) + "@firm.test",
                        "\ud83d\ude00@firm.test", "' or 1=1 --", f.user(role).email().toUpperCase() + "x"), PASSWORD);
                who = "an unknown user";
            }
            default -> {
            }
        }
        return new Fuzzed(n, category, route, method, uri, body, contentType, file, headers, authorization, who);
    }

    private String path(Route route, Category category, Fixture f) {
        String path = route.path();
        String[] segments = path.split("/");
        var out = new StringBuilder();
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            out.append('/');
            if (!segment.startsWith("{")) {
                out.append(segment);
                continue;
            }
            String name = segment.substring(1, segment.length() - 1);
            String value;
            if (name.equals("provider")) {
                value = "mock";
            } else if (name.equals("name")) {
                value = pick("workflow.ready-notifications.email", "workflow.ready-notifications.email",
                        "unknown.flag");
            } else {
                value = validId(route.path(), name, f).toString();
            }
            if (category == Category.PATH_NOT_UUID || (category == Category.INVALID_BODY_ID && random.nextBoolean())) {
                value = pick("not-a-uuid", "123", value + "0", value.substring(1), "00000000-0000-0000-0000-000000000000",
                        randomUuid(), value.toUpperCase(), "{" + value + "}", "\u00fc\u00f1\u00ee",
                        "%00", "a%2Fb", "%2e%2e", ";x=y", "x".repeat(3000), "\ud83d\ude00", "..", " ", "null",
                        "-1", "9".repeat(40), "%C0%AF", "%FF%FE");
                if (!value.contains("%") && !value.equals("..")) {
                    value = URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
                }
            }
            out.append(value);
        }
        return out.toString();
    }

    private UUID validId(String path, String name, Fixture f) {
        if (name.equals("stepId")) {
            return f.steps().get(random.nextInt(f.steps().size()));
        }
        if (path.startsWith("/api/workflows/templates/")) {
            return random.nextInt(3) == 0 ? f.draftTemplate() : f.instance().templateId();
        }
        if (path.startsWith("/api/workflows/instances/")) {
            return f.instance().id();
        }
        if (path.startsWith("/api/workflows/steps/")) {
            return f.steps().get(random.nextInt(f.steps().size()));
        }
        if (path.startsWith("/api/matters/")) {
            return f.firm().matter().id();
        }
        return random.nextBoolean() ? UUID.fromString(randomUuid()) : f.steps().get(0);
    }

    @SuppressWarnings("unchecked")
    private String query(Route route, Category category, Fixture f) {
        var parts = new ArrayList<String>();
        for (var parameter : route.parameters()) {
            if (!"query".equals(parameter.get("in"))) {
                continue;
            }
            String name = (String) parameter.get("name");
            var schema = (Map<String, Object>) parameter.getOrDefault("schema", Map.of());
            boolean required = Boolean.TRUE.equals(parameter.get("required"));
            String value;
            if ("uuid".equals(schema.get("format"))) {
                value = name.equals("matterId") ? f.firm().matter().id().toString() : pick(
                        f.firm().matter().id().toString(), f.instance().id().toString(), f.firm().owner().id().toString());
            } else if (schema.get("enum") instanceof List<?> values) {
                value = String.valueOf(values.get(random.nextInt(values.size())));
            } else if ("integer".equals(schema.get("type"))) {
                value = String.valueOf(random.nextInt(5));
            } else if ("boolean".equals(schema.get("type"))) {
                value = String.valueOf(random.nextBoolean());
            } else {
                value = pick("a", "matter", "", "2026-01-01T00:00:00Z");
            }
            if (category == Category.BAD_QUERY && random.nextInt(3) != 0) {
                value = pick("-1", "0", "1000000", "1.5", "abc", "", "x".repeat(5000), "\ud83d\ude00",
                        "99999999999999999999", "NaN", "true", "null", "2026-13-45", "'; drop table users; --",
                        "\u202Eabc", "%00", "[]", "{}");
            } else if (!required && random.nextBoolean()) {
                continue;
            }
            parts.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        if (category == Category.BAD_QUERY) {
            parts.add(pick("size=0", "size=201", "page=-5", "page=abc", "size=", "size=1e3", "unknown=1", "page=1&page=2",
                    "q=" + "y".repeat(300), "state=DONE", "matterId=zzz", "assignedTo=you", "%C3%28=1", "size=%00"));
        }
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }

    private MockMultipartFile upload(Category category) {
        byte[] pdf = "%PDF-1.4\n%fuzz\n".getBytes(StandardCharsets.US_ASCII);
        return switch (category) {
            case RANDOM_BYTES -> new MockMultipartFile("file", "random.pdf", "application/pdf", randomBytes(2000));
            case HUGE_STRING -> new MockMultipartFile("file", huge(random.nextBoolean() ? 1_200_000 : 300) + ".pdf",
                    "application/pdf", new byte[1_200_000]);
            case UNICODE -> new MockMultipartFile("file", unicode() + ".pdf", "application/pdf", pdf);
            case DROPPED_FIELD -> new MockMultipartFile("file", "", "application/pdf", pdf);
            case RENAMED_FIELD -> new MockMultipartFile("document", "passport.pdf", "application/pdf", pdf);
            case WRONG_TYPE -> new MockMultipartFile("file", "passport.exe",
                    pick("application/x-msdownload", "text/plain", "", "not a type", "image/png"), pdf);
            case TRUNCATED_JSON -> new MockMultipartFile("file", "empty.pdf", "application/pdf", new byte[0]);
            default -> new MockMultipartFile("file", "passport.pdf", "application/pdf", pdf);
        };
    }

    private Map<String, String> signature(Route route, Category category, byte[] body) {
        if (category == Category.NO_CREDENTIALS) {
            return Map.of();
        }
        String kind = route.path().split("/")[3];
        long t = Instant.now().getEpochSecond();
        byte[] signed = body == null ? new byte[0] : body;
        String valid = "t=" + t + ",v1=" + hmac("development-only-" + kind + "-mock-webhook-secret", t, signed);
        return switch (category) {
            case WRONG_PASSWORD -> Map.of("Matterflow-Signature",
                    "t=" + t + ",v1=" + hmac("not-the-secret", t, signed));
            case MALFORMED_AUTHORIZATION -> Map.of("Matterflow-Signature", pick("", "t=", "v1=", "t=abc,v1=zz",
                    "t=99999999999999999999999,v1=00", "t=-1,v1=" + "0".repeat(64), "garbage", ",,,,", "t=1,t=2",
                    "t=" + (t - 3600) + ",v1=" + hmac("development-only-" + kind + "-mock-webhook-secret", t - 3600,
                            signed), "v1=" + "f".repeat(10_000), "t=1.5,v1=ab", "t= ,v1= "));
            default -> Map.of("Matterflow-Signature", valid);
        };
    }

    // ---------------------------------------------------------------------------------------------- mutations

    /** The seed with its ids pointing at the fixture (or, for some categories, at nothing valid). */
    @SuppressWarnings("unchecked")
    private Object withIds(Object value, String key, Fixture f, Category category) {
        if (value instanceof Map<?, ?> map) {
            var out = new LinkedHashMap<String, Object>();
            ((Map<String, Object>) map).forEach((k, v) -> out.put(k, withIds(v, k, f, category)));
            return out;
        }
        if (value instanceof List<?> list) {
            var out = new ArrayList<Object>();
            list.forEach(v -> out.add(withIds(v, key, f, category)));
            return out;
        }
        if (value instanceof String s && UUID_PATTERN.matcher(s).matches()) {
            if (category == Category.INVALID_BODY_ID) {
                return pick("not-a-uuid", randomUuid(), "00000000-0000-0000-0000-000000000000",
                        s.toUpperCase() + "0", "{" + s + "}", "", " ", s.replace("-", ""), "\ud83d\ude00", 12345);
            }
            if (key != null && key.equals("matterId")) {
                return f.firm().matter().id().toString();
            }
            if (key != null && (key.endsWith("userId") || key.equals("ownerId") || key.equals("clientId")
                    || key.equals("userId"))) {
                return f.users().get(random.nextInt(f.users().size())).toString();
            }
            if (key != null && key.toLowerCase().contains("template")) {
                return f.instance().templateId().toString();
            }
            return pick(f.steps().get(0).toString(), f.instance().id().toString(), randomUuid());
        }
        return value;
    }

    private byte[] mutate(Category category, Object seed) {
        String text;
        switch (category) {
            case DROPPED_FIELD -> {
                var map = someMap(seed);
                if (map != null && !map.isEmpty()) {
                    map.remove(someKey(map));
                } else {
                    seed = new LinkedHashMap<>();
                }
                text = json(seed);
            }
            case DUPLICATED_FIELD -> {
                text = json(seed);
                var map = seed instanceof Map<?, ?> m ? m : null;
                if (map != null && !map.isEmpty() && text.startsWith("{")) {
                    String key = (String) someKey(map);
                    text = "{" + json(key) + ":" + json(randomValue()) + (map.size() > 0 ? "," : "") + text.substring(1);
                }
            }
            case RENAMED_FIELD -> {
                var map = someMap(seed);
                if (map != null && !map.isEmpty()) {
                    Object key = someKey(map);
                    Object value = map.remove(key);
                    map.put(pick(key + "x", key.toString().toUpperCase(), "", "_" + key, key + " ", "\ud83d\ude00",
                            "__proto__", "@type", "class"), value);
                } else {
                    seed = Map.of("unexpected", 1);
                }
                text = json(seed);
            }
            case TRUNCATED_JSON -> {
                text = json(seed);
                text = text.substring(0, random.nextInt(Math.max(1, text.length())));
            }
            case RANDOM_BYTES -> {
                if (random.nextBoolean()) {
                    return randomBytes(1 + random.nextInt(3000));
                }
                byte[] bytes = json(seed).getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < 1 + random.nextInt(5); i++) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
                return bytes;
            }
            case WRONG_TYPE -> text = json(replaceLeaf(seed, randomValue()));
            case HUGE_STRING -> {
                int length = pickInt(201, 2_001, 70_000, 600_000, 1_048_000, 1_200_000);
                text = json(replaceLeaf(seed, huge(length)));
            }
            case UNICODE -> text = json(replaceLeaf(replaceLeaf(seed, unicode()), unicode()))
                    .replace(LONE, pick("\\ud800", "\\udfff", "\\ud83d", "\\udc00\\ud800", "\\u0000"));
            case DEEP_NESTING -> {
                String deep = random.nextBoolean() ? "[".repeat(1000) + "]".repeat(1000)
                        : "{\"a\":".repeat(1000) + "1" + "}".repeat(1000);
                text = json(replaceLeaf(seed, "@@DEEP@@")).replace("\"@@DEEP@@\"", deep);
                if (random.nextInt(4) == 0) {
                    text = deep;
                }
            }
            case WRONG_METHOD, WRONG_CONTENT_TYPE, MISSING_CONTENT_TYPE -> text = json(seed);
            default -> text = json(seed);
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The seed with one random leaf (or the whole value, if it has none) replaced. */
    @SuppressWarnings("unchecked")
    private Object replaceLeaf(Object value, Object replacement) {
        if (value instanceof Map<?, ?> map && !map.isEmpty() && random.nextInt(8) != 0) {
            var out = new LinkedHashMap<>((Map<String, Object>) map);
            Object key = someKey(out);
            out.put((String) key, replaceLeaf(out.get(key), replacement));
            return out;
        }
        if (value instanceof List<?> list && !list.isEmpty() && random.nextInt(8) != 0) {
            var out = new ArrayList<Object>(list);
            int i = random.nextInt(out.size());
            out.set(i, replaceLeaf(out.get(i), replacement));
            return out;
        }
        return replacement;
    }

    private Object randomValue() {
        return switch (random.nextInt(14)) {
            case 0 -> random.nextInt();
            case 1 -> random.nextBoolean();
            case 2 -> "text";
            case 3 -> new ArrayList<>(List.of(1, "two", false));
            case 4 -> new LinkedHashMap<>(Map.of("nested", 1));
            case 5 -> new java.math.BigDecimal("1e400");
            case 6 -> -0.0;
            case 7 -> new java.math.BigInteger("9".repeat(40));
            case 8 -> "";
            case 9 -> Long.MIN_VALUE;
            case 10 -> 1.5;
            case 11 -> "NaN";
            case 12 -> new ArrayList<>();
            default -> null;
        };
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> someMap(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return null;
        }
        var nested = map.values().stream().filter(v -> v instanceof Map<?, ?> m && !m.isEmpty()).toList();
        if (!nested.isEmpty() && random.nextInt(3) == 0) {
            return (Map<Object, Object>) nested.get(random.nextInt(nested.size()));
        }
        return (Map<Object, Object>) map;
    }

    private Object someKey(Map<?, ?> map) {
        var keys = new ArrayList<Object>(map.keySet());
        return keys.get(random.nextInt(keys.size()));
    }

    private String unicode() {
        return pick("\ud83d\udc69\u200d\u2696\ufe0f\ud83d\udcdc", "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627",
                "\u202eevil\u202c", "e\u0301\u0301\u0301\u0301\u0301\u0301", "Z\u0351\u036b\u0343\u036a\u0302\u036b",
                "\u200b\u200c\u200d\ufeff", "\u0000nul", LONE, "a" + LONE + "b", "\uffff\ufffe", "\u00e9t\u00e9",
                "\ud83c\udff3\ufe0f\u200d\ud83c\udf08".repeat(50), "\u4e2d\u6587\u540d\u79f0", "\t\r\n", "\u2028\u2029");
    }

    private String huge(int length) {
        return hugeStrings.computeIfAbsent(length, l -> l % 2 == 0 ? "\u00e9".repeat(l / 2) : "x".repeat(l));
    }

    // ---------------------------------------------------------------------------------------------- the request

    private static AbstractMockHttpServletRequestBuilder<?> build(Fuzzed f) {
        HttpMethod method = HttpMethod.valueOf(f.method());
        AbstractMockHttpServletRequestBuilder<?> builder;
        if (f.file() != null) {
            var upload = multipart(method, URI.create(f.uri())).file(f.file());
            builder = upload;
        } else {
            var plain = request(method, URI.create(f.uri()));
            if (f.body() != null) {
                plain.content(f.body());
            }
            if (f.contentType() != null) {
                plain.header(HttpHeaders.CONTENT_TYPE, f.contentType());
            }
            builder = plain;
        }
        f.headers().forEach(builder::header);
        if (f.authorization() != null) {
            builder.header(HttpHeaders.AUTHORIZATION, f.authorization());
        }
        return builder;
    }

    private static String basic(String user, String password) {
        return "Basic " + b64(user + ":" + password);
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String hmac(String secret, long t, byte[] body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String randomUuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private Object copy(Object value) {
        return JSON.readValue(JSON.writeValueAsString(value), Object.class);
    }

    @SafeVarargs
    private <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }

    private int pickInt(int... values) {
        return values[random.nextInt(values.length)];
    }
}
