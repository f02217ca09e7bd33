package io.matterflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

import io.matterflow.directory.Directory;
import io.matterflow.support.H2Test;
import io.matterflow.support.TestFirm;

/**
 * The security headers (issue 15, item 8): every response, page, API, actuator or static file, carries a
 * Content-Security-Policy without inline scripts or styles and refusing to be framed, Referrer-Policy,
 * Permissions-Policy, X-Frame-Options DENY and nosniff; no HSTS outside the prod profile (development is HTTP). Swagger
 * UI alone may use inline styles. Every page of the UI as every kind of caller: {@link UiAccessTests} checks each
 * response with {@link #assertSecurityHeaders} and each page's HTML with {@link #assertNoInlineScriptOrStyle}.
 */
@H2Test
@AutoConfigureMockMvc
class SecurityHeadersTests {

    private static final Pattern SCRIPT = Pattern.compile("<script\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern STYLE_ATTRIBUTE = Pattern.compile("<[a-z][^>]*\\sstyle\\s*=",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HANDLER_ATTRIBUTE = Pattern.compile(
            "<[a-z][^>]*\\s(on[a-z]+|hx-on[:a-z-]*|data-hx-on[:a-z-]*)\\s*=", Pattern.CASE_INSENSITIVE);

    @Autowired
    MockMvc mvc;
    @Autowired
    Directory directory;
    @Autowired
    UserDetailsService users;

    /** The headers of any response: a sandboxing document policy set by its route counts (and stays alone). */
    static void assertSecurityHeaders(String what, MockHttpServletResponse response) {
        List<String> policies = response.getHeaders("Content-Security-Policy");
        assertThat(policies).as("one Content-Security-Policy on %s", what).hasSize(1);
        String policy = policies.get(0);
        if (!policy.startsWith("sandbox")) {
            assertThat(directive(policy, "script-src")).as("script-src of %s", what).isEqualTo("'self'");
            assertThat(directive(policy, "frame-ancestors")).as("frame-ancestors of %s", what).isEqualTo("'none'");
            assertThat(directive(policy, "object-src")).as("object-src of %s", what).isEqualTo("'none'");
            assertThat(policy).as("policy of %s", what).doesNotContain("unsafe-eval");
        }
        assertThat(response.getHeader("Referrer-Policy")).as("Referrer-Policy of %s", what)
                .isIn("strict-origin-when-cross-origin", "no-referrer");
        assertThat(response.getHeader("Permissions-Policy")).as("Permissions-Policy of %s", what)
                .contains("camera=()", "microphone=()", "geolocation=()", "payment=()");
        assertThat(response.getHeader("X-Frame-Options")).as("X-Frame-Options of %s", what).isEqualTo("DENY");
        assertThat(response.getHeader("X-Content-Type-Options")).as("nosniff on %s", what).isEqualTo("nosniff");
        assertThat(response.getHeader("Strict-Transport-Security")).as("no HSTS outside prod on %s", what).isNull();
    }

    /** A page's HTML: scripts are files (src), no style attributes, no event handler attributes (nor htmx's hx-on). */
    static void assertNoInlineScriptOrStyle(String what, String html) {
        Matcher scripts = SCRIPT.matcher(html);
        while (scripts.find()) {
            assertThat(scripts.group(1)).as("a <script> of %s has a src", what).containsPattern("\\ssrc=");
        }
        assertThat(STYLE_ATTRIBUTE.matcher(html).find()).as("a style attribute in %s", what).isFalse();
        Matcher handler = HANDLER_ATTRIBUTE.matcher(html);
        boolean found = handler.find();
        assertThat(found).as("an event handler attribute in %s: %s", what, found ? handler.group() : "").isFalse();
        assertThat(html).as("%s has no <style> element", what).doesNotContainIgnoringCase("<style");
    }

    static String directive(String policy, String name) {
        for (String directive : policy.split(";")) {
            String trimmed = directive.strip();
            if (trimmed.startsWith(name + " ")) {
                return trimmed.substring(name.length() + 1).strip();
            }
        }
        throw new AssertionError("no " + name + " in " + policy);
    }

    @Test
    void shouldSendTheHeadersOnPublicPagesApiActuatorAndStaticFiles() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        Map<String, AbstractMockHttpServletRequestBuilder<?>> requests = new LinkedHashMap<>();
        requests.put("login page", get("/login"));
        requests.put("login page, failed", get("/login").param("error", ""));
        requests.put("forgot-password page", get("/password/forgot"));
        requests.put("set-password page", get("/password/set").param("token", "x".repeat(43)));
        requests.put("redirect to login", get("/inbox"));
        requests.put("calendar settings", get("/settings/calendar").with(user(users.loadUserByUsername(
                firm.admin().email()))));
        requests.put("account page", get("/account").with(user(users.loadUserByUsername(firm.client().email()))));
        requests.put("error page", get("/matters/not-a-uuid").with(user(users.loadUserByUsername(
                firm.owner().email()))));
        requests.put("API, not signed in", get("/api/matters"));
        requests.put("API, signed in", get("/api/matters").with(user(users.loadUserByUsername(firm.owner().email()))));
        requests.put("API document", get("/v3/api-docs"));
        requests.put("actuator health", get("/actuator/health"));
        requests.put("actuator, refused", get("/actuator/metrics"));
        requests.put("app.js", get("/js/app.js"));
        requests.put("app.css", get("/css/app.css"));
        requests.put("htmx", get("/webjars/htmx.org/dist/htmx.min.js"));
        for (var request : requests.entrySet()) {
            MockHttpServletResponse response = mvc.perform(request.getValue()).andReturn().getResponse();
            assertThat(response.getStatus()).as(request.getKey()).isLessThan(500);
            assertSecurityHeaders(request.getKey(), response);
            assertThat(directive(response.getHeader("Content-Security-Policy"), "style-src"))
                    .as("style-src of %s", request.getKey()).isEqualTo("'self'");
            if (String.valueOf(response.getContentType()).startsWith("text/html")) {
                assertNoInlineScriptOrStyle(request.getKey(), response.getContentAsString());
            }
        }
    }

    /** Swagger UI sets style attributes from its scripts: its pages alone allow inline styles, never inline scripts. */
    @Test
    void shouldLetSwaggerUiAloneUseInlineStyles() throws Exception {
        for (String path : List.of("/swagger-ui/index.html", "/swagger-ui/swagger-initializer.js")) {
            MockHttpServletResponse response = mvc.perform(get(path)).andReturn().getResponse();
            assertThat(response.getStatus()).as(path).isEqualTo(200);
            assertSecurityHeaders(path, response);
            assertThat(directive(response.getHeader("Content-Security-Policy"), "style-src")).as(path)
                    .isEqualTo("'self' 'unsafe-inline'");
        }
        assertNoInlineScriptOrStyle("Swagger UI", mvc.perform(get("/swagger-ui/index.html")).andReturn()
                .getResponse().getContentAsString());
    }

    /** HSTS is for the prod profile: not even an HTTPS request gets it here. */
    @Test
    void shouldNotSendHstsOutsideProd() throws Exception {
        MockHttpServletResponse response = mvc.perform(get("/login").secure(true)).andReturn().getResponse();
        assertThat(response.getHeader("Strict-Transport-Security")).isNull();
    }
}
