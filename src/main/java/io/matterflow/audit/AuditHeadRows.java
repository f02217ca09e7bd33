package io.matterflow.audit;

import java.util.List;
import java.util.UUID;

/**
 * Implemented by a module whose rows keep the heads of their own audit streams (an instance's row keeps its
 * chain's head): the row is updated by every change the stream records anyway, so moving the head costs no
 * statement of its own. {@link AuditLog} asks each implementation before it falls back to {@code audit_heads}, so
 * every append to such a stream goes through its row.
 */
public interface AuditHeadRows {

    /**
     * The head kept on the stream's row, managed in the caller's persistence context (a row already loaded in the
     * transaction costs no statement); {@code null} if the stream has no such row.
     */
    AuditHead find(UUID streamId);

    /** The organization's streams whose row holds a head past its first event, for finding a chain removed whole. */
    List<UUID> begunStreams(UUID orgId);
}
