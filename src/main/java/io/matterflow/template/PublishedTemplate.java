package io.matterflow.template;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An immutable published version: what instances copy. */
public record PublishedTemplate(UUID templateId, UUID orgId, String name, int version, UUID publishedById,
                                Instant publishedAt, List<TemplateStep> steps) {
}
