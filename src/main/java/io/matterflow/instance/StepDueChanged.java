package io.matterflow.instance;

import java.time.Instant;
import java.util.UUID;

import io.matterflow.action.ActionType;

/**
 * A step's due date was computed, recomputed, set by hand or cleared: published in the transaction that changed it
 * ({@code at} null: the step has no due date now). {@code recomputed} is true when the step had a due date before
 * (its anchor moved, the calendar changed, someone set it), false for the first computation. {@code auditEventId}
 * is the audit event recording the change, so a consumer that sees the event twice can tell.
 */
public record StepDueChanged(UUID stepId, UUID instanceId, UUID matterId, UUID orgId, ActionType actionType,
                             String stepTitle, String instanceTitle, Instant previousAt, Instant at,
                             boolean recomputed, String explanation, UUID auditEventId) {
}
