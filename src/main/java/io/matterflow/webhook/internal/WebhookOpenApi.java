package io.matterflow.webhook.internal;

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

import io.matterflow.webhook.WebhookSignatures;

/** The webhook routes' own error responses: a refused signature (401) and an unknown provider or subject (404). */
@Configuration(proxyBeanMethods = false)
class WebhookOpenApi {

    private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    @Bean
    OpenApiCustomizer webhookResponses() {
        return openApi -> openApi.getComponents()
                .addResponses(WebhookExamples.REFUSED, problem("Unsigned, wrongly signed, or signed more than 5"
                                + " minutes away from the server's time: nothing was read or changed", Map.of(
                                "unsigned", example("No Matterflow-Signature header", WebhookExamples.UNSIGNED_PROBLEM),
                                "wrongSignature", example("Not signed with the provider's secret",
                                        WebhookExamples.WRONG_SIGNATURE_PROBLEM),
                                "stale", example("A replay of an old request", WebhookExamples.STALE_PROBLEM)))
                        .addHeaderObject("WWW-Authenticate", new Header().description("`" + WebhookSignatures.CHALLENGE
                                + "`").schema(new StringSchema())))
                .addResponses(WebhookExamples.UNKNOWN, problem("No such provider of this kind is configured, or"
                        + " nothing has the session, intent or document the event names", Map.of(
                        "unknownSession", example("An unknown signing session", WebhookExamples.UNKNOWN_SESSION_PROBLEM),
                        "unknownProvider", example("A provider without a secret",
                                WebhookExamples.UNKNOWN_PROVIDER_PROBLEM))));
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
