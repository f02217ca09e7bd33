package io.matterflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import com.fasterxml.jackson.databind.JsonNode;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

/** The operations' texts come from {@code openapi/<tag>.yaml} by operationId, and a mismatch fails the document. */
class ApiDescriptionsTests {

    private static final String RESPONSES = """
            NotFound:
              description: Unknown
              headers:
                X-Why: Because
              examples:
                notFound:
                  value: {title: Not found, status: 404}
            """;

    @Test
    void shouldDescribeAnOperationAndItsResponsesFromItsEntry() {
        OpenAPI openApi = document(thing("getThing"));

        descriptions("things.yaml", """
                getThing:
                  description: Reads a thing.
                  responses:
                    '200':
                      description: The thing
                      examples:
                        thing:
                          summary: A thing
                          value: {name: box, at: 2026-03-02T09:12:00Z, size: 1500.0}
                """).applyTo(openApi);

        Operation operation = openApi.getPaths().get("/api/things/{id}").getGet();
        assertThat(operation.getDescription()).isEqualTo("Reads a thing.");
        ApiResponse ok = operation.getResponses().get("200");
        assertThat(ok.getDescription()).isEqualTo("The thing");
        var example = ok.getContent().get("application/json").getExamples().get("thing");
        assertThat(example.getSummary()).isEqualTo("A thing");
        JsonNode value = (JsonNode) example.getValue();
        assertThat(value.fieldNames()).toIterable().containsExactly("name", "at", "size");
        assertThat(value.get("at").isTextual()).as("a time stays the text it is written as").isTrue();
        assertThat(value.get("size").asDouble()).isEqualTo(1500.0);
        assertThat(openApi.getComponents().getResponses().get("NotFound").getHeaders()).containsKey("X-Why");
    }

    @Test
    void shouldRefuseAnOperationWithoutAnEntryAndAnEntryWithoutAnOperation() {
        OpenAPI openApi = document(thing("getThing"));
        var descriptions = descriptions("things.yaml", """
                getThings:
                  description: Lists things.
                """);

        assertThatThrownBy(() -> descriptions.applyTo(openApi)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("openapi/things.yaml has no entry for getThing (GET /api/things/{id})")
                .hasMessageContaining("openapi/things.yaml: getThings names no operation");
    }

    @Test
    void shouldRefuseAnEntryInAnotherTagsFile() {
        var descriptions = descriptions("widgets.yaml", """
                getThing:
                  description: Reads a thing.
                """);

        assertThatThrownBy(() -> descriptions.applyTo(document(thing("getThing"))))
                .hasMessageContaining("openapi/widgets.yaml: getThing belongs in openapi/things.yaml");
    }

    @Test
    void shouldRefuseAResponseTheControllerDoesNotDeclareAndASummaryBesideTheControllers() {
        var descriptions = descriptions("things.yaml", """
                getThing:
                  summary: Another summary
                  description: Reads a thing.
                  responses:
                    '409':
                      description: Busy
                """);

        assertThatThrownBy(() -> descriptions.applyTo(document(thing("getThing"))))
                .hasMessageContaining("getThing describes the response 409, which the controller does not declare")
                .hasMessageContaining("getThing gives a summary: it belongs on the controller");
    }

    @Test
    void shouldRefuseAnUnknownKeyWhenReadingTheFiles() {
        assertThatThrownBy(() -> descriptions("things.yaml", """
                getThing:
                  descripton: Reads a thing.
                """)).hasMessageContaining("openapi/things.yaml: getThing has an unknown key descripton");
    }

    @Test
    void shouldShowOneOperationAVariantOfAPathVariable() {
        var receive = new Operation().operationId("receive").summary("An event").tags(List.of("Things"))
                .addParametersItem(new Parameter().in("path").name("kind"))
                .addParametersItem(new Parameter().in("path").name("provider"))
                .requestBody(new RequestBody().content(json()))
                .responses(new ApiResponses().addApiResponse("200", new ApiResponse().content(json())));
        OpenAPI openApi = document(Map.of("/api/hooks/{kind}/{provider}", new PathItem().post(receive)));
        openApi.getComponents().addSchemas("RingEvent", new ObjectSchema());

        descriptions("things.yaml", """
                receive:
                  variants:
                    kind:
                      ring: receiveRing
                      knock: receiveKnock
                receiveRing:
                  summary: A ring
                  description: Someone rang.
                  requestBody:
                    schema: RingEvent
                    examples:
                      ring:
                        value: {id: r1}
                receiveKnock:
                  summary: A knock
                  description: Someone knocked.
                """).applyTo(openApi);

        assertThat(openApi.getPaths()).containsOnlyKeys("/api/hooks/ring/{provider}", "/api/hooks/knock/{provider}");
        Operation ring = openApi.getPaths().get("/api/hooks/ring/{provider}").getPost();
        Operation knock = openApi.getPaths().get("/api/hooks/knock/{provider}").getPost();
        assertThat(List.of(ring.getOperationId(), ring.getSummary(), ring.getDescription()))
                .containsExactly("receiveRing", "A ring", "Someone rang.");
        assertThat(knock.getSummary()).isEqualTo("A knock");
        assertThat(ring.getParameters()).extracting(Parameter::getName).containsExactly("provider");
        MediaType ringBody = ring.getRequestBody().getContent().get("application/json");
        assertThat(ringBody.getSchema().get$ref()).isEqualTo("#/components/schemas/RingEvent");
        assertThat(ringBody.getExamples()).containsOnlyKeys("ring");
        assertThat(knock.getRequestBody().getContent().get("application/json").getExamples())
                .as("each variant has its own examples").isNull();
    }

    private static Map<String, PathItem> thing(String operationId) {
        return Map.of("/api/things/{id}", new PathItem().get(new Operation().operationId(operationId)
                .summary("Read a thing").tags(List.of("Things"))
                .responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("OK")
                        .content(json())))));
    }

    private static Content json() {
        return new Content().addMediaType("application/json", new MediaType().schema(new ObjectSchema()));
    }

    private static OpenAPI document(Map<String, PathItem> paths) {
        var document = new Paths();
        document.putAll(paths);
        return new OpenAPI().paths(document).components(new Components());
    }

    private static ApiDescriptions descriptions(String file, String yaml) {
        return ApiDescriptions.load(new PathMatchingResourcePatternResolver() {
            @Override
            public Resource[] getResources(String pattern) {
                return new Resource[] {named(file, yaml)};
            }

            @Override
            public Resource getResource(String location) {
                return named("responses.yaml", RESPONSES);
            }
        });
    }

    private static Resource named(String file, String text) {
        return new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return file;
            }
        };
    }
}
