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
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

@RestController
@Tag(name = "Feature flags", description = "Features an admin switches on or off for the firm, at runtime (admins)")
class FeatureFlagController {

    private final FeatureFlags flags;

    FeatureFlagController(FeatureFlags flags) {
        this.flags = flags;
    }

    record FeatureFlagRequest(@Schema(description = "Switch the feature on (true) or off (false)", example = "true")
                              @NotNull Boolean enabled) {
    }

    @GetMapping("/api/admin/feature-flags")
    @Operation(operationId = "listFeatureFlags", summary = "The firm's feature flags")
    List<FeatureFlag> list(Actor actor) {
        return flags.all(actor);
    }

    @GetMapping("/api/admin/feature-flags/{name}")
    @Operation(operationId = "getFeatureFlag", summary = "Read a feature flag")
    FeatureFlag get(Actor actor, @Parameter(description = "The flag's name", example = FeatureFlags.READY_EMAIL)
                    @PathVariable String name) {
        return flags.get(actor, name);
    }

    @PutMapping("/api/admin/feature-flags/{name}")
    @Operation(operationId = "setFeatureFlag", summary = "Switch a feature flag on or off")
    FeatureFlag set(Actor actor, @Parameter(description = "The flag's name", example = FeatureFlags.READY_EMAIL)
                    @PathVariable String name, @Valid @RequestBody FeatureFlagRequest request) {
        return flags.set(actor, name, request.enabled());
    }
}
