package io.matterflow.instance;

import java.util.UUID;

import io.matterflow.directory.Actor;

/** A step found by its provider's id, with the organization it belongs to (which the provider does not know). */
public record ProviderStep(UUID orgId, String provider, StepDetails step) {

    /** The provider as the actor of what its event causes. */
    public Actor actor() {
        return Actor.provider(orgId, provider);
    }
}
