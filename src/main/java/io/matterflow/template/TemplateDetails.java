package io.matterflow.template;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** A template with its draft steps; {@code version} is the newest published version (0 = never published). */
@Schema(description = "A template with its draft steps")
public record TemplateDetails(UUID id, UUID orgId, @Schema(example = "New client intake") String name,
                              @Schema(nullable = true, description = "null when none") String description,
                              @Schema(description = "The newest published version; 0: never published", example = "1")
                              int version,
                              @Schema(description = "false: no new instances are made from it") boolean isActive,
                              UUID createdById, Instant createdAt, Instant updatedAt,
                              @Schema(description = "The draft, in order; what the next publish freezes")
                              List<TemplateStep> steps) {
}
