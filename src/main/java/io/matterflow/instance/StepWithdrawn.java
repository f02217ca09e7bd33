package io.matterflow.instance;

import java.util.UUID;

/**
 * A READY step went back to PENDING: an edit put it behind a required step that has not finished, so nobody may
 * act on it now. Whoever was told it was ready should no longer be. {@code transitionId} is the audit event.
 */
public record StepWithdrawn(UUID stepId, UUID instanceId, UUID orgId, UUID transitionId) {
}
