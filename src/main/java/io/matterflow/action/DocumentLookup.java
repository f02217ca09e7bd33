package io.matterflow.action;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

/** Document metadata for the document request handler, scoped by organization. */
public interface DocumentLookup {

    Optional<DocumentInfo> find(UUID orgId, UUID documentId);

    /**
     * Marks the step's documents as submitted (named by its completion), so that the cleanup of unsubmitted uploads
     * leaves them. Joins the caller's transaction and locks the rows, so a cleanup running at the same time either
     * removed a document before (fewer rows marked than named: the caller refuses) or finds it submitted.
     *
     * @return how many of the documents were marked
     */
    int markSubmitted(UUID orgId, UUID stepId, Collection<UUID> documentIds, Instant at);
}
