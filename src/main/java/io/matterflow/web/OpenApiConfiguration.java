package io.matterflow.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePatternResolver;

import io.matterflow.common.FieldError;
import io.matterflow.common.web.Paging;
import io.matterflow.directory.Actor;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.IntegerSchema;
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
            "API tokens", "Calendar feed", "Notifications", "Feature flags", "Calendar", "Webhooks", "Audit");

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
            var undescribed = Stream.of(StandardResponse.values()).map(r -> r.key)
                    .filter(key -> components.getResponses() == null || !components.getResponses().containsKey(key))
                    .toList();
            if (!undescribed.isEmpty()) {
                throw new IllegalStateException(ApiDescriptions.RESPONSES + " does not describe " + undescribed);
            }
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

    /** The error responses most routes may give; their texts are in {@code openapi/components/responses.yaml}. */
    enum StandardResponse {

        BAD_REQUEST("BadRequest"), UNAUTHORIZED("Unauthorized"), FORBIDDEN("Forbidden"), NOT_FOUND("NotFound"),
        CONFLICT("Conflict"), TOO_MANY_SIGN_INS("TooManySignIns"), PAYLOAD_TOO_LARGE("PayloadTooLarge"),
        UNSUPPORTED_MEDIA_TYPE("UnsupportedMediaType"), IDEMPOTENCY_KEY_REUSED("IdempotencyKeyReused");

        private final String key;

        StandardResponse(String key) {
            this.key = key;
        }
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
