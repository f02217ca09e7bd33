package io.matterflow.scheduler;

import java.time.Instant;

/**
 * Rows of one module that housekeeping deletes once they are older than their retention. The module that owns the
 * table implements it; {@link Housekeeping} calls it until a batch comes back short.
 */
public interface Prunable {

    PruneKind kind();

    /**
     * Deletes at most {@code limit} rows that were finished (processed, expired, revoked, used) before
     * {@code cutoff}, in a transaction of its own. Returns how many it deleted.
     */
    int deleteBatch(Instant cutoff, int limit);
}
