package io.matterflow.instance;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** An instance with its steps in order. */
@Schema(description = "A workflow running on a matter, with its steps in order")
public record InstanceDetails(UUID id, UUID orgId, UUID templateId,
                              @Schema(description = "The published version it was copied from", example = "1")
                              int templateVersion, UUID matterId,
                              @Schema(example = "New client intake: Acme Corp") String title,
                              WorkflowStatus status, UUID createdById, Instant createdAt, Instant updatedAt,
                              @Schema(nullable = true, description = "When it became COMPLETED; null until then") Instant completedAt,
                              @Schema(description = "Changes with every write to the instance", example = "1")
                              long version,
                              @Schema(description = "In order") List<StepDetails> steps) {
}
