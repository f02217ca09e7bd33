package io.matterflow.template;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A template with its draft steps; {@code version} is the newest published version (0 = never published). */
public record TemplateDetails(UUID id, UUID orgId, String name, String description, int version, boolean isActive,
                              UUID createdById, Instant createdAt, Instant updatedAt, List<TemplateStep> steps) {
}
