package io.matterflow.webhook;

import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;

/** The webhook routes' own error responses: a refused signature (401) and an unknown provider or subject (404). */
@Configuration(proxyBeanMethods = false)
class WebhookOpenApi {

    static final String REFUSED = "WebhookRefused";
    static final String UNKNOWN = "WebhookUnknown";
    static final String REFUSED_REF = "#/components/responses/" + REFUSED;
    static final String UNKNOWN_REF = "#/components/responses/" + UNKNOWN;

    private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    private static final String UNSIGNED_PROBLEM = """
            {"title": "Unsigned webhook", "status": 401, "detail": "the Matterflow-Signature header is missing",
             "instance": "/api/webhooks/esign/mock"}""";
    private static final String WRONG_SIGNATURE_PROBLEM = """
            {"title": "Invalid webhook signature", "status": 401,
             "detail": "the signature does not match the body and the provider's secret",
             "instance": "/api/webhooks/payments/mock"}""";
    private static final String STALE_PROBLEM = """
            {"title": "Stale webhook signature", "status": 401,
             "detail": "the signature's timestamp is more than 5 minutes away from the server's time",
             "instance": "/api/webhooks/esign/mock"}""";
    private static final String UNKNOWN_SESSION_PROBLEM = """
            {"title": "Signature session not found", "status": 404,
             "detail": "Signature session mock-sig-00000000-0000-4000-8000-000000000000 was not found",
             "instance": "/api/webhooks/esign/mock"}""";
    private static final String UNKNOWN_PROVIDER_PROBLEM = """
            {"title": "Webhook provider not found", "status": 404,
             "detail": "Webhook provider esign/acme was not found", "instance": "/api/webhooks/esign/acme"}""";


    @Bean
    OpenApiCustomizer webhookResponses() {
        return openApi -> openApi.getComponents()
                .addResponses(REFUSED, problem("Unsigned, wrongly signed, or signed more than 5"
                                + " minutes away from the server's time: nothing was read or changed", Map.of(
                                "unsigned", example("No Matterflow-Signature header", UNSIGNED_PROBLEM),
                                "wrongSignature", example("Not signed with the provider's secret",
                                        WRONG_SIGNATURE_PROBLEM),
                                "stale", example("A replay of an old request", STALE_PROBLEM)))
                        .addHeaderObject("WWW-Authenticate", new Header().description("`" + WebhookSignatures.CHALLENGE
                                + "`").schema(new StringSchema())))
                .addResponses(UNKNOWN, problem("No such provider of this kind is configured, or"
                        + " nothing has the session, intent or document the event names", Map.of(
                        "unknownSession", example("An unknown signing session", UNKNOWN_SESSION_PROBLEM),
                        "unknownProvider", example("A provider without a secret",
                                UNKNOWN_PROVIDER_PROBLEM))));
    }

    private static ApiResponse problem(String description, Map<String, Example> examples) {
        var mediaType = new MediaType().schema(new Schema<>().$ref("#/components/schemas/ProblemDetail"));
        new java.util.TreeMap<>(examples).forEach(mediaType::addExamples);
        return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON, mediaType));
    }

    private static Example example(String summary, String json) {
        try {
            return new Example().summary(summary).value(io.swagger.v3.core.util.Json.mapper().readTree(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("bad example JSON: " + json, e);
        }
    }
}
