package io.matterflow.action;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.matterflow.directory.Actor;

/**
 * What a handler sees of a step: its identity, typed config, mutable {@code data} (stored as the step's
 * {@code actionData}), current state, the actor performing the event, the matter's client and the time.
 */
public record ActionContext<C>(UUID stepId, UUID instanceId, UUID matterId, UUID orgId, ActionType type,
                               C config, Map<String, Object> data, ActionState state, Actor actor,
                               UUID clientId, Instant now) {
}
