package io.matterflow.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A recorded change as readers see it. */
public record AuditEvent(UUID id, UUID orgId, UUID streamId, long seq, Instant occurredAt, String actorType,
                         String actorId, String actorName, String action, String entityType, UUID entityId,
                         String fromState, String toState, Map<String, Object> metadata, String requestId,
                         String hash) {
}
