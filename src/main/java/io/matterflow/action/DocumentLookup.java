package io.matterflow.action;

import java.util.Optional;
import java.util.UUID;

/** Reads document metadata, scoped by organization. */
public interface DocumentLookup {

    Optional<DocumentInfo> find(UUID orgId, UUID documentId);
}
