package io.matterflow.template;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** An immutable published version: what instances copy. */
@Schema(description = "An immutable published version of a template: what instances copy")
public record PublishedTemplate(UUID templateId, UUID orgId,
                                @Schema(description = "The template's name when published") String name,
                                @Schema(description = "From 1", example = "1") int version, UUID publishedById,
                                Instant publishedAt,
                                @Schema(description = "The frozen steps, in order") List<TemplateStep> steps) {
}
