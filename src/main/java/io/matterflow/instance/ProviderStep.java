package io.matterflow.instance;

import java.util.UUID;

import io.matterflow.directory.Actor;

/**
 * A step found by its provider's id, with the organization it belongs to (which the provider does not know), its
 * instance's matter, title and status, and whether the id is the step's current attempt's ({@code false}: the step
 * was retried since, and the id names an earlier attempt's session).
 */
public record ProviderStep(UUID orgId, String provider, StepDetails step, UUID matterId, String instanceTitle,
                           WorkflowStatus instanceStatus, boolean currentAttempt) {

    /** The provider as the actor of what its event causes. */
    public Actor actor() {
        return Actor.provider(orgId, provider);
    }
}
