package io.matterflow.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

/**
 * The API description's prose and examples, kept beside the code: {@code openapi/<tag>.yaml}, one file a tag, maps
 * each operationId to its description, its request body's description and examples, and the descriptions and
 * examples of the responses the controller declares. Controllers keep the route, the operationId, the summary and
 * the structure (response codes, schemas).
 * <p>
 * An entry may instead name {@code variants}: one handler whose path variable takes a few fixed values (the webhook
 * route {@code /api/webhooks/{kind}/{provider}}) is shown as one operation a value, each described by its own entry,
 * which may also give its summary and request schema.
 * <p>
 * A file may open with {@code x-} keys that name no operation: parts of its examples, merged into them with
 * {@code <<: *anchor}. {@code openapi/components/responses.yaml} holds the error responses operations share, each
 * a problem detail.
 * <p>
 * The two cannot drift: an operation without an entry, an entry without an operation, an entry in another tag's
 * file, or an example for a response the controller does not declare, fails the document (and so
 * {@code OpenApiDocumentTests}); a malformed file fails the start.
 */
final class ApiDescriptions {

    static final String LOCATION = "classpath*:openapi/*.yaml";
    static final String RESPONSES = "openapi/components/responses.yaml";
    /** Top-level keys that name no operation: parts that examples merge in with YAML's {@code <<: *anchor}. */
    static final String PARTS = "x-";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMAS = "#/components/schemas/";

    private final Map<String, Entry> entries;
    private final Map<String, Problem> responses;

    private ApiDescriptions(Map<String, Entry> entries, Map<String, Problem> responses) {
        this.entries = entries;
        this.responses = responses;
    }

    static ApiDescriptions load(ResourcePatternResolver resources) {
        try {
            var entries = new TreeMap<String, Entry>();
            for (Resource resource : resources.getResources(LOCATION)) {
                String file = resource.getFilename();
                read(resource).forEach((id, entry) -> {
                    if (id.startsWith(PARTS)) {
                        return;
                    }
                    if (entries.put(id, Entry.read(file, id, entry)) != null) {
                        throw new IllegalStateException("openapi/" + file + ": " + id + " is described twice");
                    }
                });
            }
            var responses = new TreeMap<String, Problem>();
            read(resources.getResource("classpath:" + RESPONSES)).forEach((name, response) -> {
                var fields = Fields.of("components/responses.yaml", name, response, "description", "headers",
                        "examples");
                var headers = new TreeMap<String, String>();
                Map<String, Object> headersOf = fields.map("headers");
                if (headersOf != null) {
                    headersOf.forEach((header, text) -> headers.put(header, String.valueOf(text)));
                }
                responses.put(name, new Problem(fields.text("description"), headers, fields.examples()));
            });
            return new ApiDescriptions(entries, responses);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + LOCATION, e);
        }
    }

    private static Map<String, Object> read(Resource resource) throws IOException {
        try (InputStream in = resource.getInputStream()) {
            Map<String, Object> entries = yaml().load(in);
            return entries == null ? Map.of() : entries;
        }
    }

    /**
     * Adds the shared error responses, expands the variants, then describes every operation; throws naming every
     * mismatch at once.
     */
    void applyTo(OpenAPI openApi) {
        responses.forEach((name, problem) -> openApi.getComponents().addResponses(name, problem.response()));
        var expanded = new HashSet<String>();
        Set<String> variants = expandVariants(openApi, expanded);
        var unused = new TreeMap<>(entries);
        unused.keySet().removeAll(expanded);
        var problems = new ArrayList<String>();
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            String id = operation.getOperationId();
            String file = fileOf(operation);
            Entry entry = unused.remove(id);
            if (entry == null) {
                problems.add("openapi/" + file + " has no entry for " + id + " (" + method + " " + path + ")");
            } else if (!entry.file().equals(file)) {
                problems.add("openapi/" + entry.file() + ": " + id + " belongs in openapi/" + file);
            } else {
                entry.describe(operation, variants.contains(id), openApi, problems);
            }
        }));
        unused.forEach((id, entry) -> problems.add("openapi/" + entry.file() + ": " + id + " names no operation"));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The API description's resources (" + LOCATION + ") do not fit the"
                    + " operations:\n  " + String.join("\n  ", problems));
        }
    }

    /** The file of an operation's first tag: "People and matters" is {@code people-and-matters.yaml}. */
    static String fileOf(Operation operation) {
        String tag = operation.getTags() == null || operation.getTags().isEmpty() ? "untagged"
                : operation.getTags().get(0);
        return tag.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "") + ".yaml";
    }

    /**
     * Replaces each operation whose entry names variants by one operation a value; returns their ids, and adds the
     * replaced operations' ids to {@code expanded}.
     */
    private Set<String> expandVariants(OpenAPI openApi, Set<String> expanded) {
        var made = new HashSet<String>();
        for (var path : List.copyOf(openApi.getPaths().keySet())) {
            PathItem item = openApi.getPaths().get(path);
            item.readOperationsMap().forEach((method, operation) -> {
                Entry entry = entries.get(operation.getOperationId());
                if (entry == null || entry.variants() == null) {
                    return;
                }
                String placeholder = "{" + entry.variable() + "}";
                if (!path.contains(placeholder)) {
                    throw new IllegalStateException("openapi/" + entry.file() + ": " + operation.getOperationId()
                            + " has variants of " + placeholder + ", which " + path + " does not have");
                }
                item.operation(method, null);
                expanded.add(operation.getOperationId());
                entry.variants().forEach((value, id) -> {
                    openApi.getPaths().computeIfAbsent(path.replace(placeholder, value), p -> new PathItem())
                            .operation(method, copy(operation, entry.variable()).operationId(id));
                    made.add(id);
                });
            });
            if (item.readOperations().isEmpty()) {
                openApi.getPaths().remove(path);
            }
        }
        return made;
    }

    /** A copy deep enough that each variant gets its own description, schemas and examples. */
    private static Operation copy(Operation operation, String variable) {
        var copy = new Operation().summary(operation.getSummary()).description(operation.getDescription())
                .tags(operation.getTags()).security(operation.getSecurity()).deprecated(operation.getDeprecated())
                .extensions(operation.getExtensions());
        if (operation.getParameters() != null) {
            copy.setParameters(new ArrayList<>(operation.getParameters().stream()
                    .filter(p -> !("path".equals(p.getIn()) && variable.equals(p.getName()))).toList()));
        }
        RequestBody body = operation.getRequestBody();
        if (body != null) {
            copy.requestBody(new RequestBody().description(body.getDescription()).required(body.getRequired())
                    .content(copy(body.getContent())));
        }
        if (operation.getResponses() != null) {
            var responses = new ApiResponses();
            operation.getResponses().forEach((code, r) -> responses.addApiResponse(code, r.get$ref() != null ? r
                    : new ApiResponse().description(r.getDescription()).headers(r.getHeaders())
                    .content(copy(r.getContent()))));
            copy.responses(responses);
        }
        return copy;
    }

    private static Content copy(Content content) {
        if (content == null) {
            return null;
        }
        var copy = new Content();
        content.forEach((type, media) -> copy.addMediaType(type, new MediaType().schema(media.getSchema())
                .examples(media.getExamples() == null ? null : new LinkedHashMap<>(media.getExamples()))));
        return copy;
    }

    /** YAML 1.1 as SnakeYAML reads it, except that a time stays the string it is written as. */
    private static Yaml yaml() {
        var options = new LoaderOptions();
        return new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options, new Resolver() {
                    @Override
                    protected void addImplicitResolvers() {
                        addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO");
                        addImplicitResolver(Tag.INT, INT, "-+0123456789");
                        addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
                        addImplicitResolver(Tag.MERGE, MERGE, "<");
                        addImplicitResolver(Tag.NULL, NULL, "~nN\0");
                        addImplicitResolver(Tag.NULL, EMPTY, null);
                    }
                });
    }

    /** One operation's texts. */
    private record Entry(String file, String description, String summary, String variable,
                         Map<String, String> variants, Body requestBody, Map<String, Response> responses) {

        static Entry read(String file, String id, Object value) {
            var fields = Fields.of(file, id, value, "description", "summary", "variants", "requestBody", "responses");
            Map<String, Object> variantsOf = fields.map("variants");
            String variable = null;
            Map<String, String> variants = null;
            if (variantsOf != null) {
                if (variantsOf.size() != 1 || fields.has("description")) {
                    throw fields.invalid("variants names one path variable, and the variants are described instead");
                }
                variable = variantsOf.keySet().iterator().next();
                variants = new LinkedHashMap<>();
                Map<String, Object> values = Fields.of(file, id + ".variants", variantsOf, variable).map(variable);
                for (var v : values.entrySet()) {
                    variants.put(v.getKey(), String.valueOf(v.getValue()));
                }
            } else if (!fields.has("description")) {
                throw fields.invalid("has no description");
            }
            var responses = new TreeMap<String, Response>();
            Map<String, Object> responsesOf = fields.map("responses");
            if (responsesOf != null) {
                responsesOf.forEach((code, r) -> {
                    var response = Fields.of(file, id + ".responses." + code, r, "description", "examples");
                    responses.put(String.valueOf(code), new Response(response.text("description"),
                            response.examples()));
                });
            }
            Body body = null;
            if (fields.has("requestBody")) {
                var b = Fields.of(file, id + ".requestBody", fields.get("requestBody"), "description", "schema",
                        "examples");
                body = new Body(b.text("description"), b.text("schema"), b.examples());
            }
            return new Entry(file, fields.text("description"), fields.text("summary"), variable, variants, body,
                    responses);
        }

        void describe(Operation operation, boolean variant, OpenAPI openApi, List<String> problems) {
            String where = "openapi/" + file + ": " + operation.getOperationId();
            operation.setDescription(description);
            if (summary != null) {
                if (!variant) {
                    problems.add(where + " gives a summary: it belongs on the controller");
                }
                operation.setSummary(summary);
            }
            if (requestBody != null) {
                RequestBody body = operation.getRequestBody();
                if (body == null || body.getContent() == null) {
                    problems.add(where + " describes a request body the operation does not have");
                } else {
                    if (requestBody.description() != null) {
                        body.setDescription(requestBody.description());
                    }
                    if (requestBody.schema() != null) {
                        if (openApi.getComponents().getSchemas() == null
                                || !openApi.getComponents().getSchemas().containsKey(requestBody.schema())) {
                            problems.add(where + " names the schema " + requestBody.schema() + ", which is not one");
                        }
                        body.getContent().values().forEach(m -> m.setSchema(
                                new Schema<>().$ref(SCHEMAS + requestBody.schema())));
                    }
                    addExamples(body.getContent(), requestBody.examples());
                }
            }
            responses.forEach((code, response) -> {
                ApiResponse declared = operation.getResponses() == null ? null : operation.getResponses().get(code);
                if (declared == null || declared.get$ref() != null) {
                    problems.add(where + " describes the response " + code + ", which the controller does not"
                            + " declare");
                    return;
                }
                if (response.description() != null) {
                    declared.setDescription(response.description());
                }
                if (!response.examples().isEmpty() && declared.getContent() == null) {
                    problems.add(where + " gives examples for the response " + code + ", which has no content");
                    return;
                }
                addExamples(declared.getContent(), response.examples());
            });
        }

        static void addExamples(Content content, Map<String, Map<String, Object>> examples) {
            examples.forEach((name, example) -> content.values().forEach(media -> media.addExamples(name,
                    new Example().summary((String) example.get("summary"))
                            .description((String) example.get("description"))
                            .value(JSON.valueToTree(example.get("value"))))));
        }
    }

    /** A shared error response: a problem detail, with its headers (each a string) and examples. */
    private record Problem(String description, Map<String, String> headers,
                           Map<String, Map<String, Object>> examples) {

        ApiResponse response() {
            var content = new Content().addMediaType(OpenApiConfiguration.PROBLEM_JSON, new MediaType()
                    .schema(new Schema<>().$ref(SCHEMAS + OpenApiConfiguration.PROBLEM_SCHEMA)));
            Entry.addExamples(content, examples);
            var response = new ApiResponse().description(description).content(content);
            headers.forEach((name, text) -> response.addHeaderObject(name,
                    new Header().description(text).schema(new StringSchema())));
            return response;
        }
    }

    private record Body(String description, String schema, Map<String, Map<String, Object>> examples) {
    }

    private record Response(String description, Map<String, Map<String, Object>> examples) {
    }

    /** A mapping of the resource, read strictly: an unknown key is a mistake, not something to ignore. */
    private record Fields(String file, String where, Map<String, Object> map) {

        @SuppressWarnings("unchecked")
        static Fields of(String file, String where, Object value, String... allowed) {
            if (!(value instanceof Map<?, ?> map)) {
                throw new IllegalStateException("openapi/" + file + ": " + where + " is not a mapping");
            }
            var fields = new Fields(file, where, (Map<String, Object>) map);
            for (Object key : map.keySet()) {
                if (!List.of(allowed).contains(String.valueOf(key))) {
                    throw fields.invalid("has an unknown key " + key + " (known: " + String.join(", ", allowed) + ")");
                }
            }
            return fields;
        }

        boolean has(String key) {
            return map.containsKey(key);
        }

        Object get(String key) {
            return map.get(key);
        }

        String text(String key) {
            Object value = map.get(key);
            if (value instanceof List<?> parts) {
                // parts joined by a space, so that a shared sentence can be one YAML anchor
                return String.join(" ", parts.stream().map(String::valueOf).toList());
            }
            return value == null ? null : String.valueOf(value);
        }

        /** The mapping under {@code key}, its keys as strings (YAML reads {@code 200:} as a number), or null. */
        Map<String, Object> map(String key) {
            Object value = map.get(key);
            if (value == null) {
                return null;
            }
            if (!(value instanceof Map<?, ?> mapping)) {
                throw invalid(key + " is not a mapping");
            }
            var entries = new LinkedHashMap<String, Object>();
            mapping.forEach((k, v) -> entries.put(String.valueOf(k), v));
            return entries;
        }

        Map<String, Map<String, Object>> examples() {
            var examples = new LinkedHashMap<String, Map<String, Object>>();
            Map<String, Object> of = map("examples");
            if (of != null) {
                of.forEach((name, example) -> {
                    var fields = Fields.of(file, where + ".examples." + name, example, "summary", "description",
                            "value");
                    if (!fields.has("value")) {
                        throw fields.invalid("has no value");
                    }
                    examples.put(name, fields.map());
                });
            }
            return examples;
        }

        IllegalStateException invalid(String problem) {
            return new IllegalStateException("openapi/" + file + ": " + where + " " + problem);
        }
    }
}
