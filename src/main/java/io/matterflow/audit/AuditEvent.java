package io.matterflow.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** A recorded change as readers see it. */
@Schema(description = "A recorded change; events form one hash chain per stream (a template, an instance with its"
        + " steps, a matter)")
public record AuditEvent(UUID id, UUID orgId,
                         @Schema(description = "The chain it belongs to: the template, instance, matter, feature flag or"
                                 + " API token")
                         UUID streamId,
                         @Schema(description = "Position in the stream, from 1", example = "4") long seq,
                         Instant occurredAt,
                         @Schema(description = "Who made the change", allowableValues = {"USER", "SYSTEM", "PROVIDER"},
                                 example = "USER") String actorType,
                         @Schema(description = "The user's id, the provider's name, or `system`",
                                 example = "e36258e8-c488-4eb4-a6fd-565c8456906f") String actorId,
                         @Schema(example = "Lena Lawyer") String actorName,
                         @Schema(description = "`template.*`, `instance.*`, `step.<event>`, `matter.*`, `feature-flag.update`"
                                 + " or `api-token.*`",
                                 example = "step.complete") String action,
                         @Schema(allowableValues = {"TEMPLATE", "INSTANCE", "STEP", "MATTER", "FEATURE_FLAG", "API_TOKEN"},
                                 example = "STEP")
                         String entityType, UUID entityId,
                         @Schema(nullable = true, description = "The state before; null when the change has none",
                                 example = "IN_PROGRESS") String fromState,
                         @Schema(nullable = true, description = "The state after; null when the change has none", example = "COMPLETED")
                         String toState,
                         @Schema(description = "What changed: the reason, the payload, the new values")
                         Map<String, Object> metadata,
                         @Schema(nullable = true, description = "The request's id or trace id, when known") String requestId,
                         @Schema(description = "HMAC-SHA256 (hex) over the event and the previous event's hash",
                                 example = "c46dcf093f5af4db53f0629d43d7769af034264bf5e46b55f9741fcba13238f0")
                         String hash) {
}
