package io.matterflow.instance;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An instance with its steps in order. */
public record InstanceDetails(UUID id, UUID orgId, UUID templateId, int templateVersion, UUID matterId, String title,
                              WorkflowStatus status, UUID createdById, Instant createdAt, Instant updatedAt,
                              Instant completedAt, long version, List<StepDetails> steps) {
}
