package io.matterflow.notification;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** A feature flag of the caller's organization. */
@Schema(description = "A feature flag of the caller's organization; off unless an admin switched it on")
public record FeatureFlag(@Schema(example = FeatureFlags.READY_EMAIL) String name,
                          @Schema(description = "Whether the feature is on for the organization") boolean enabled,
                          @Schema(description = "What the flag switches") String description,
                          @Schema(nullable = true, description = "The admin who last changed it; null while it has its default")
                          UUID updatedBy,
                          @Schema(nullable = true, description = "When it was last changed; null while it has its default")
                          Instant updatedAt) {
}
