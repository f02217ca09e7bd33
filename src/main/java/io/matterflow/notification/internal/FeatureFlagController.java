package io.matterflow.notification.internal;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.matterflow.directory.Actor;
import io.matterflow.notification.FeatureFlag;
import io.matterflow.notification.FeatureFlags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

@RestController
@Tag(name = "Feature flags", description = "Features an admin switches on or off for the firm, at runtime (admins)")
class FeatureFlagController {

    private static final String FLAG_EXAMPLE = """
            {"name": "workflow.ready-notifications.email", "enabled": true,
             "description": "Email a step's assignee, or else each eligible performer, when the step becomes READY",
             "updatedBy": "b627ce63-b1f8-4faa-8c4b-28c1f99de9a6", "updatedAt": "2026-03-02T09:15:00Z"}""";

    private final FeatureFlags flags;

    FeatureFlagController(FeatureFlags flags) {
        this.flags = flags;
    }

    record FeatureFlagRequest(@Schema(description = "Switch the feature on (true) or off (false)", example = "true")
                              @NotNull Boolean enabled) {
    }

    @GetMapping("/api/admin/feature-flags")
    @Operation(operationId = "listFeatureFlags", summary = "The firm's feature flags",
            description = "Every flag with its value for the caller's organization. Admins only.")
    List<FeatureFlag> list(Actor actor) {
        return flags.all(actor);
    }

    @GetMapping("/api/admin/feature-flags/{name}")
    @Operation(operationId = "getFeatureFlag", summary = "Read a feature flag",
            description = "The flag's value for the caller's organization; off until an admin switches it on. Admins only.")
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true, description = "The flag",
            content = @Content(examples = @ExampleObject(name = "flag", value = FLAG_EXAMPLE)))
    FeatureFlag get(Actor actor, @Parameter(description = "The flag's name", example = FeatureFlags.READY_EMAIL)
                    @PathVariable String name) {
        return flags.get(actor, name);
    }

    @PutMapping("/api/admin/feature-flags/{name}")
    @Operation(operationId = "setFeatureFlag", summary = "Switch a feature flag on or off",
            description = "For the caller's organization, from the next event on, on every node, without a restart."
                    + " The change is audited; setting the value the flag already has changes nothing. Admins only.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples =
                    @ExampleObject(name = "on", value = "{\"enabled\": true}"))))
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true, description = "The flag as it is now",
            content = @Content(examples = @ExampleObject(name = "flag", value = FLAG_EXAMPLE)))
    FeatureFlag set(Actor actor, @Parameter(description = "The flag's name", example = FeatureFlags.READY_EMAIL)
                    @PathVariable String name, @Valid @RequestBody FeatureFlagRequest request) {
        return flags.set(actor, name, request.enabled());
    }
}
