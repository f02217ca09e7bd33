package io.matterflow.audit;

import java.util.Map;
import java.util.UUID;

import io.matterflow.directory.Actor;

/**
 * One change to record. {@code streamId} is the aggregate the change belongs to (the instance for its steps,
 * the template, the matter): events of one stream form one hash chain.
 */
public record AuditRecord(UUID orgId, UUID streamId, Actor actor, String action, String entityType, UUID entityId,
                          String fromState, String toState, Map<String, ?> metadata) {
}
