package io.matterflow.directory;

import java.util.UUID;

/** A matter's owner, client or members changed: cached eligibility for its instances is stale. */
public record MatterMembersChanged(UUID matterId, UUID orgId) {
}
