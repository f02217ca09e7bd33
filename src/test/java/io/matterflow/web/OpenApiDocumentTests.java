package io.matterflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.yaml.snakeyaml.Yaml;

import io.matterflow.support.H2Test;

/**
 * {@code docs/openapi.yaml} is what the application serves at {@code /v3/api-docs.yaml}, it names every
 * {@code /api/**} route, and Swagger UI is public.
 */
@H2Test
@AutoConfigureMockMvc
class OpenApiDocumentTests {

    private static final Path COMMITTED = Path.of("docs/openapi.yaml");
    private static final Path SERVED = Path.of("target/openapi.yaml");

    @Autowired
    MockMvc mvc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void committedDocumentIsWhatTheApplicationServes() throws Exception {
        String served = served();
        Files.createDirectories(SERVED.getParent());
        Files.writeString(SERVED, served, StandardCharsets.UTF_8);
        String hint = "docs/openapi.yaml differs from what the application serves at /v3/api-docs.yaml; if the change"
                + " is intended, copy target/openapi.yaml to docs/openapi.yaml (cp target/openapi.yaml docs/openapi.yaml)";
        if (!Files.exists(COMMITTED)) {
            fail(hint + " (docs/openapi.yaml does not exist)");
        }
        String committed = Files.readString(COMMITTED, StandardCharsets.UTF_8);
        if (!new Yaml().load(committed).equals(new Yaml().load(served))) {
            fail(hint + "\n" + firstDifference(committed, served));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyApiRouteIsDocumented() throws Exception {
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>)
                new Yaml().<Map<String, Object>>load(served()).get("paths");
        var missing = new TreeSet<String>();
        var routes = new TreeSet<String>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            Class<?> controller = ClassUtils.getUserClass(method.getBeanType());
            if (!AnnotatedElementUtils.hasAnnotation(controller, RestController.class)
                    || !controller.getPackageName().startsWith("io.matterflow.")) {
                return;
            }
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                var methods = info.getMethodsCondition().getMethods();
                for (RequestMethod m : methods.isEmpty() ? List.of(RequestMethod.GET) : methods) {
                    for (String documented : documentedPaths(pattern)) {
                        String route = m + " " + documented;
                        routes.add(route);
                        Map<String, Object> path = paths.get(documented);
                        if (path == null || !path.containsKey(m.name().toLowerCase())) {
                            missing.add(route);
                        }
                    }
                }
            }
        });
        assertThat(routes).as("the application's /api routes").isNotEmpty();
        assertThat(missing).as("routes missing from /v3/api-docs").isEmpty();
    }

    /**
     * The paths a route pattern is documented as: itself, or, for a variable that takes a few fixed values
     * ({@code /api/webhooks/{kind:esign|payments|uploads}/{provider}}), one path a value.
     */
    private static List<String> documentedPaths(String pattern) {
        Matcher choice = Pattern.compile("\\{(\\w+):([\\w|-]+)}").matcher(pattern);
        if (!choice.find()) {
            return List.of(pattern);
        }
        return Stream.of(choice.group(2).split("\\|"))
                .flatMap(value -> documentedPaths(pattern.replace(choice.group(), value)).stream()).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationHasASummaryAnIdAndTheErrorResponses() throws Exception {
        Map<String, Map<String, Map<String, Object>>> paths = (Map<String, Map<String, Map<String, Object>>>)
                new Yaml().<Map<String, Object>>load(served()).get("paths");
        var ids = new TreeSet<String>();
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            String route = method.toUpperCase() + " " + path;
            assertThat((String) operation.get("summary")).as("summary of %s", route).isNotBlank();
            assertThat(ids.add((String) operation.get("operationId"))).as("unique operationId of %s", route).isTrue();
            var responses = assertThat((Map<String, Object>) operation.get("responses")).as("responses of %s", route);
            if (path.startsWith("/api/webhooks/")) {
                // providers sign their events instead of signing in: refused (401), never forbidden
                responses.containsKey("401").doesNotContainKey("403");
                assertThat((List<Object>) operation.get("security")).as("security of %s", route).isEmpty();
            } else {
                responses.containsKeys("401", "403");
            }
            if (!method.equals("get")) {
                // form and text bodies are refused on every state-changing route, body or not (issue 16)
                responses.containsKey("415");
            }
        }));
    }

    @Test
    void swaggerUiAnswersWithoutSigningIn() throws Exception {
        mvc.perform(get("/swagger-ui.html")).andExpect(status().is3xxRedirection());
        mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk());
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk());
    }

    private String served() throws Exception {
        return mvc.perform(get("/v3/api-docs.yaml")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private static String firstDifference(String committed, String served) {
        List<String> a = committed.lines().toList();
        List<String> b = served.lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String left = i < a.size() ? a.get(i) : "<end of file>";
            String right = i < b.size() ? b.get(i) : "<end of file>";
            if (!left.equals(right)) {
                return "first differing line " + (i + 1) + ":\n  docs/openapi.yaml:   " + left
                        + "\n  target/openapi.yaml: " + right;
            }
        }
        return "the texts are equal line by line but parse differently";
    }
}
