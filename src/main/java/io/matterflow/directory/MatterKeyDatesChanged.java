package io.matterflow.directory;

import java.util.Set;
import java.util.UUID;

/**
 * A matter's key dates changed: published in the transaction that changed them, so that due dates counting from
 * them are recomputed with it. {@code names} are the key dates added, moved or removed.
 */
public record MatterKeyDatesChanged(UUID orgId, UUID matterId, Set<String> names) {
}
