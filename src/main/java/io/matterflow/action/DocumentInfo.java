package io.matterflow.action;

import java.time.Instant;
import java.util.UUID;

/** An uploaded document's metadata; the bytes stay in storage. */
public record DocumentInfo(UUID id, UUID orgId, UUID stepId, String name, String contentType, long size,
                           String sha256, UUID uploadedById, Instant uploadedAt) {
}
