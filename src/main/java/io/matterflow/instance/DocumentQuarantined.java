package io.matterflow.instance;

import java.util.UUID;

/**
 * The upload scanner found a document infected and its content was quarantined. {@code submitted}: a completed step
 * had already accepted it. {@code auditEventId} is the audit event of the quarantine, so a consumer that sees the
 * event twice can tell.
 */
public record DocumentQuarantined(UUID orgId, UUID matterId, UUID instanceId, UUID stepId, String stepTitle,
                                  String instanceTitle, UUID documentId, String documentName, boolean submitted,
                                  String provider, UUID auditEventId) {
}
