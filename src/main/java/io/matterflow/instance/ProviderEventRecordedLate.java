package io.matterflow.instance;

import java.util.UUID;

/**
 * A provider's event about a step that had moved on was recorded, not applied ({@link LateProviderEvent});
 * {@code auditEventId} is the audit event that recorded it, the source of whatever tells people about it.
 */
public record ProviderEventRecordedLate(UUID orgId, UUID matterId, UUID instanceId, UUID stepId, String stepTitle,
                                        String instanceTitle, String eventType, LateProviderEvent.Reason reason,
                                        String summary, UUID auditEventId) {
}
