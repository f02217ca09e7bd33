package io.matterflow.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePatternResolver;

import io.matterflow.common.FieldError;
import io.matterflow.common.Paging;
import io.matterflow.directory.Actor;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;

/**
 * The OpenAPI description served at {@code /v3/api-docs} (and kept in {@code docs/openapi.yaml}): the document's
 * info (its text in {@code openapi/api.md}), the operations' texts ({@link ApiDescriptions}), its two ways of signing
 * in (a personal API token, HTTP Basic), and what every route shares, added here once rather than on each method:
 * the problem-detail error responses, the {@code Idempotency-Key} header of the execution POSTs, and the paging
 * parameters. Everything here is fixed text, so the document is the same on every start.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String API_VERSION = "0.1.0";
    static final String BASIC_AUTH = "basicAuth";
    static final String BEARER_AUTH = "bearerAuth";
    static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    static final String PROBLEM_SCHEMA = "ProblemDetail";
    /** The document's own description, in Markdown. */
    static final String DESCRIPTION = "openapi/api.md";

    /** Controllers' tags in reading order: author, run, perform, then the supporting routes. */
    private static final List<String> TAG_ORDER = List.of("Templates", "Instances", "Steps", "People and matters",
            "API tokens", "Notifications", "Feature flags", "Webhooks", "Audit");

    static {
        // The signed-in Actor is resolved from the credentials (WebConfiguration), never sent by the client.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Actor.class);
    }

    @Bean
    OpenAPI matterflowOpenApi() throws IOException {
        String description = new ClassPathResource(DESCRIPTION).getContentAsString(StandardCharsets.UTF_8);
        return new OpenAPI()
                .info(new Info().title("Matterflow").version(API_VERSION).description(description)
                        .contact(new io.swagger.v3.oas.models.info.Contact().name("Matterflow")))
                .servers(List.of(new Server().url("/").description("The server that serves this document")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER_AUTH))
                .addSecurityItem(new SecurityRequirement().addList(BASIC_AUTH))
                .components(new Components()
                        .addSecuritySchemes(BEARER_AUTH, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("mf_ + 43 characters")
                                .description("A personal API token from `POST /api/me/tokens`: the fast way to sign"
                                        + " in, for scripts and integrations"))
                        .addSecuritySchemes(BASIC_AUTH, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("The user's email as the user name, and their password (a BCrypt check"
                                        + " on every request)")));
    }

    /** Read at start, so that a malformed file stops it. */
    @Bean
    ApiDescriptions apiDescriptions(ResourcePatternResolver resources) {
        return ApiDescriptions.load(resources);
    }

    /**
     * The operations' descriptions and examples, then the problem schema, the shared error responses, the idempotency
     * header, paging and the tags' order: one customizer, as springdoc runs several in no set order.
     */
    @Bean
    OpenApiCustomizer sharedApiParts(SpringDocConfigProperties springdoc, ApiDescriptions descriptions) {
        return openApi -> {
            descriptions.applyTo(openApi);
            Components components = openApi.getComponents();
            ModelConverters.getInstance(springdoc.isOpenapi31()).readAll(ProblemDocument.class)
                    .forEach(components::addSchemas);
            StandardResponse.all().forEach(r -> components.addResponses(r.key, r.response()));
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
                    .forEach((method, operation) -> shareInto(path, method, operation)));
            if (openApi.getTags() != null) {
                openApi.getTags().sort(java.util.Comparator.comparingInt((Tag tag) -> {
                    int index = TAG_ORDER.indexOf(tag.getName());
                    return index < 0 ? TAG_ORDER.size() : index;
                }).thenComparing(Tag::getName));
            }
        };
    }

    private static void shareInto(String path, PathItem.HttpMethod method, Operation operation) {
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean hasBody = operation.getRequestBody() != null;
        boolean multipart = hasBody && operation.getRequestBody().getContent() != null
                && operation.getRequestBody().getContent().containsKey("multipart/form-data");
        boolean hasPathId = parameters.stream().anyMatch(p -> "path".equals(p.getIn()));
        parameters.forEach(OpenApiConfiguration::describePaging);
        if (hasBody) {
            dropNameAsDescription(operation.getRequestBody().getContent());
        }
        if (operation.getResponses() != null) {
            operation.getResponses().values().forEach(r -> dropNameAsDescription(r.getContent()));
        }

        if (hasBody || !parameters.isEmpty()) {
            respond(operation, "400", StandardResponse.BAD_REQUEST);
        }
        respond(operation, "401", StandardResponse.UNAUTHORIZED);
        if (!path.startsWith("/api/webhooks/")) {
            respond(operation, "429", StandardResponse.TOO_MANY_SIGN_INS);
            // Providers sign their events instead of signing in: a webhook is refused (401), never forbidden.
            respond(operation, "403", StandardResponse.FORBIDDEN);
        }
        if (hasPathId) {
            respond(operation, "404", StandardResponse.NOT_FOUND);
        }
        if (method != PathItem.HttpMethod.GET && !path.startsWith("/api/me/tokens")) {
            // a token's routes meet no state that could conflict: creating always succeeds, revoking is idempotent
            respond(operation, "409", StandardResponse.CONFLICT);
        }
        if (hasBody) {
            respond(operation, "413", StandardResponse.PAYLOAD_TOO_LARGE);
        }
        if (hasBody || method != PathItem.HttpMethod.GET) {
            // CrossSiteContentTypeFilter: form and text bodies are refused on every state-changing route
            respond(operation, "415", StandardResponse.UNSUPPORTED_MEDIA_TYPE);
        }
        if (method == PathItem.HttpMethod.POST && path.startsWith("/api/workflows/") && !multipart) {
            if (parameters.stream().noneMatch(p -> IdempotencyFilter.HEADER.equals(p.getName()))) {
                operation.addParametersItem(new Parameter().in("header").name(IdempotencyFilter.HEADER)
                        .required(false)
                        .description("Makes a retry safe: for 24 hours the same request with the same key returns"
                                + " the first answer (marked `Idempotent-Replayed: true`) without running again."
                                + " 1 to 200 visible ASCII characters.")
                        .schema(new StringSchema().minLength(1).maxLength(200))
                        .example("a3c1e6f0-claim-step-1"));
            }
            respond(operation, "422", StandardResponse.IDEMPOTENCY_KEY_REUSED);
        }
    }

    /** A shared response by reference, unless the operation documents that status itself. */
    private static void respond(Operation operation, String status, StandardResponse response) {
        if (operation.getResponses() != null && !operation.getResponses().containsKey(status)) {
            operation.getResponses().addApiResponse(status,
                    new ApiResponse().$ref("#/components/responses/" + response.key));
        }
    }

    /** {@code page} and {@code size} as {@link Paging} reads them (a fresh schema: springdoc shares one per type). */
    private static void describePaging(Parameter parameter) {
        if (!"query".equals(parameter.getIn()) || parameter.getDescription() != null) {
            return;
        }
        if ("page".equals(parameter.getName())) {
            parameter.description("The page, from 0");
            parameter.schema(new IntegerSchema().minimum(BigDecimal.ZERO)._default(0));
        } else if ("size".equals(parameter.getName())) {
            parameter.description("Items per page");
            parameter.schema(new IntegerSchema().minimum(BigDecimal.ONE)
                    .maximum(BigDecimal.valueOf(Paging.MAX_SIZE))._default(20));
        }
    }

    /** springdoc copies an example's name into its description; the name alone says nothing more. */
    private static void dropNameAsDescription(Content content) {
        if (content == null) {
            return;
        }
        content.values().stream().filter(m -> m.getExamples() != null).forEach(m -> m.getExamples()
                .forEach((name, example) -> {
                    if (name.equals(example.getDescription())) {
                        example.setDescription(null);
                    }
                }));
    }

    /** The error responses every route may give, each a problem detail with an example. */
    enum StandardResponse {

        BAD_REQUEST("BadRequest", "Malformed JSON, a wrong type, or failing fields: each listed in `errors`",
                example("validation", "Failing fields", """
                        {"title": "Invalid request", "status": 400,
                         "detail": "name must not be blank; steps[0].actionType must not be null",
                         "instance": "/api/workflows/templates",
                         "errors": [{"field": "name", "message": "must not be blank"},
                                    {"field": "steps[0].actionType", "message": "must not be null"}]}"""),
                example("payload", "A completion payload that does not fit the action", """
                        {"title": "Invalid APPROVAL_LAWYER payload", "status": 400,
                         "detail": "comment is required when approved is false",
                         "instance": "/api/workflows/steps/53cd8dc6-3845-4728-b19f-805117fe479a/complete",
                         "errors": [{"field": "comment", "message": "is required when approved is false"}]}"""),
                example("malformed", "Malformed JSON", """
                        {"title": "Malformed request body", "status": 400,
                         "detail": "body is not well-formed JSON", "instance": "/api/workflows/templates",
                         "errors": [{"field": "", "message": "is not well-formed JSON"}]}""")),
        UNAUTHORIZED("Unauthorized", "Not signed in: send a personal API token (`Authorization: Bearer mf_...`)"
                + " or HTTP Basic credentials (email and password). The challenge is `WWW-Authenticate: Bearer`"
                + " only, so that browsers never prompt for and keep a password",
                example("unauthorized", "No or wrong credentials", """
                        {"type": "about:blank", "title": "Not signed in", "status": 401,
                         "detail": "sign in with an API token (Authorization: Bearer mf_...) or HTTP Basic (your email and password) to use this route",
                         "instance": "/api/me"}"""),
                example("invalidToken", "A malformed, unknown, expired or revoked API token", """
                        {"type": "about:blank", "title": "Invalid API token", "status": 401,
                         "detail": "the bearer token is malformed, unknown, expired or revoked",
                         "instance": "/api/me"}""")),
        FORBIDDEN("Forbidden", "Signed in and able to see it, but the caller's role or place on the matter does not"
                + " allow this",
                example("forbidden", "Not permitted", """
                        {"title": "Not permitted", "status": 403,
                         "detail": "only admins may read the firm's audit log", "instance": "/api/audit"}""")),
        NOT_FOUND("NotFound", "Unknown, belonging to another organization, or in a matter the caller may not see"
                + " (the three look the same)",
                example("notFound", "Unknown step", """
                        {"title": "Step not found", "status": 404,
                         "detail": "Step 00000000-0000-4000-8000-000000000000 was not found",
                         "instance": "/api/workflows/steps/00000000-0000-4000-8000-000000000000"}""")),
        CONFLICT("Conflict", "The current state does not allow this (an illegal transition names the step's"
                + " `state`, the `event` and the `allowedEvents`), or another writer won a race: reload and retry",
                example("illegalTransition", "Illegal transition", """
                        {"title": "Illegal transition", "status": 409,
                         "detail": "cannot complete a step that is PENDING; allowed: [auto-skip, ready]",
                         "instance": "/api/workflows/steps/bc2e5e2d-3e96-414f-b128-fd056b3797c7/complete",
                         "state": "PENDING", "event": "complete", "allowedEvents": ["auto-skip", "ready"]}"""),
                example("alreadyClaimed", "Claimed by someone else", """
                        {"title": "Already claimed", "status": 409,
                         "detail": "this step is claimed by someone else",
                         "instance": "/api/workflows/steps/53cd8dc6-3845-4728-b19f-805117fe479a/claim"}"""),
                example("concurrentUpdate", "Lost race", """
                        {"title": "Concurrent update", "status": 409,
                         "detail": "someone else changed this at the same time; reload and try again",
                         "instance": "/api/workflows/steps/53cd8dc6-3845-4728-b19f-805117fe479a/start"}""")),
        TOO_MANY_SIGN_INS("TooManySignIns", "Repeated failed sign-ins have locked this email for a while, or the"
                + " client's address has failed too many password checks (HTTP Basic) and must wait for its budget to"
                + " refill; the password was not checked. `Retry-After` says how many seconds",
                example("locked", "Sign-ins locked", """
                        {"type": "about:blank", "title": "Too many failed sign-ins", "status": 429,
                         "detail": "sign-ins for this email are refused for a while after repeated failures; try again later",
                         "instance": "/api/me"}"""),
                example("addressThrottled", "Too many failed password checks from this address", """
                        {"type": "about:blank", "title": "Too many failed sign-ins", "status": 429,
                         "detail": "sign-ins from your network address are refused for a while after repeated failures; try again later",
                         "instance": "/api/me"}""")),
        PAYLOAD_TOO_LARGE("PayloadTooLarge", "The body is larger than the limit (1 MB for JSON; the document limit"
                + " for uploads)", example("tooLarge", "Body too large", """
                        {"type": "about:blank", "title": "Request too large", "status": 413,
                         "detail": "the request body is larger than the limit of 1048576 bytes",
                         "instance": "/api/workflows/templates"}""")),
        UNSUPPORTED_MEDIA_TYPE("UnsupportedMediaType", "The body's content type is not accepted here (JSON routes"
                + " take `application/json`, and only document uploads take `multipart/form-data`; a route that"
                + " changes something refuses form and text bodies even when it reads none; an upload must be of one"
                + " of the step's accepted types, and its content what its name and type say)",
                example("crossSite", "A form or text body on a route that changes something", """
                        {"type": "about:blank", "title": "Unsupported content type", "status": 415,
                         "detail": "application/x-www-form-urlencoded is not accepted here: send application/json (form and text bodies are refused because a page on another site can make a browser send them)",
                         "instance": "/api/workflows/steps/53cd8dc6-3845-4728-b19f-805117fe479a/claim"}"""),
                example("unsupported", "Wrong content type", """
                        {"title": "Unsupported Media Type", "status": 415,
                         "detail": "Content-Type 'text/plain;charset=UTF-8' is not supported.",
                         "instance": "/api/workflows/templates"}"""),
                example("notAccepted", "An upload of a type the step does not accept", """
                        {"title": "Unsupported type", "status": 415,
                         "detail": "this document request accepts only [application/pdf, image/*]",
                         "instance": "/api/workflows/steps/da6aa876-60a8-49c5-84aa-0c102a8b899b/documents"}""")),
        IDEMPOTENCY_KEY_REUSED("IdempotencyKeyReused", "The `Idempotency-Key` was already used by this user for"
                + " a different request", example("reused", "Key reused", """
                        {"type": "about:blank", "title": "Idempotency-Key reused", "status": 422,
                         "detail": "this Idempotency-Key was used for a different request",
                         "instance": "/api/workflows/steps/53cd8dc6-3845-4728-b19f-805117fe479a/start"}""")),
        NOT_ELIGIBLE("NotEligible", "The person named may not perform the step (the failing field is named), or the"
                + " `Idempotency-Key` was already used by this user for a different request",
                example("notEligible", "Not someone who may perform the step", """
                        {"type": "about:blank", "title": "Not eligible", "status": 422,
                         "detail": "userId is not someone who may perform this LAWYER step on this matter",
                         "instance": "/api/workflows/steps/53cd8dc6-3845-4728-b19f-805117fe479a/assign",
                         "errors": [{"field": "userId",
                                     "message": "is not someone who may perform this LAWYER step on this matter"}]}"""),
                example("reused", "Key reused", """
                        {"type": "about:blank", "title": "Idempotency-Key reused", "status": 422,
                         "detail": "this Idempotency-Key was used for a different request",
                         "instance": "/api/workflows/steps/53cd8dc6-3845-4728-b19f-805117fe479a/assign"}"""));

        private final String key;
        private final String description;
        private final List<NamedExample> examples;

        StandardResponse(String key, String description, NamedExample... examples) {
            this.key = key;
            this.description = description;
            this.examples = List.of(examples);
        }

        static List<StandardResponse> all() {
            return List.of(values());
        }

        ApiResponse response() {
            var mediaType = new MediaType().schema(new io.swagger.v3.oas.models.media.Schema<>()
                    .$ref("#/components/schemas/" + PROBLEM_SCHEMA));
            examples.forEach(e -> mediaType.addExamples(e.key(), e.example()));
            var response = new ApiResponse().description(description)
                    .content(new Content().addMediaType(PROBLEM_JSON, mediaType));
            if (this == UNAUTHORIZED) {
                response.addHeaderObject("WWW-Authenticate", new Header()
                        .description("Two challenges: `Basic realm=\"Matterflow\"` and `Bearer realm=\"Matterflow\"`"
                                + " (with `error=\"invalid_token\"` when the token sent was refused)")
                        .schema(new StringSchema()));
            }
            return response;
        }

        private static NamedExample example(String key, String summary, String json) {
            try {
                return new NamedExample(key, new Example().summary(summary)
                        .value(io.swagger.v3.core.util.Json.mapper().readTree(json)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("bad example JSON: " + json, e);
            }
        }
    }

    private record NamedExample(String key, Example example) {
    }

    /**
     * The documented shape of every error body, {@code application/problem+json} (RFC 9457). Only for the
     * description; the handlers build Spring's {@code ProblemDetail}.
     */
    @Schema(name = PROBLEM_SCHEMA, description = "An error as an RFC 9457 problem detail. `errors` comes with 400;"
            + " `state`, `event` and `allowedEvents` with a 409 for an illegal transition.")
    record ProblemDocument(
            @Schema(description = "The problem type; `about:blank` (or absent): the status says it all",
                    example = "about:blank") String type,
            @Schema(description = "A short, stable summary of the problem type",
                    requiredMode = Schema.RequiredMode.REQUIRED, example = "Invalid request") String title,
            @Schema(description = "The HTTP status code", requiredMode = Schema.RequiredMode.REQUIRED,
                    example = "400") int status,
            @Schema(description = "What went wrong, for a human", example = "name must not be blank") String detail,
            @Schema(description = "The request's path", example = "/api/workflows/templates") String instance,
            @ArraySchema(arraySchema = @Schema(description = "400: every failing field, sorted by field"))
            List<FieldError> errors,
            @Schema(description = "409 illegal transition: the step's current state", example = "PENDING")
            String state,
            @Schema(description = "409 illegal transition: the event that was refused", example = "complete")
            String event,
            @ArraySchema(arraySchema = @Schema(description = "409 illegal transition: the events the state allows",
                    example = "[\"auto-skip\", \"ready\"]")) List<String> allowedEvents) {
    }
}
