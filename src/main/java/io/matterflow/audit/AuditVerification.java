package io.matterflow.audit;

import java.util.UUID;

/**
 * The result of checking an organization's audit chains: {@code valid}, how many events were checked, and when
 * invalid the first bad event (by time) and why.
 */
public record AuditVerification(boolean valid, long eventsChecked, long streamsChecked, UUID firstBadEventId,
                                UUID firstBadStreamId, String reason) {
}
