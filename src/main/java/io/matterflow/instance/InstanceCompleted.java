package io.matterflow.instance;

import java.util.UUID;

/** Every required step of the instance is done. */
public record InstanceCompleted(UUID instanceId, UUID matterId, UUID orgId) {
}
