package io.matterflow.access;

import java.util.List;
import java.util.UUID;

import io.matterflow.directory.Actor;

/**
 * What closing a matter needs from its workflows. The instance module implements it: that module depends on this
 * one, so {@link Matters} cannot call it by name without a cycle, and an event would leave the refusal (a 409
 * listing the workflows) to an exception thrown from a listener. Both methods run in the caller's transaction.
 */
public interface MatterWorkflows {

    /** The matter's workflows that have not ended (DRAFT, ACTIVE or PAUSED), oldest first. */
    List<UnfinishedWorkflow> unfinished(UUID orgId, UUID matterId);

    /**
     * Cancels each of these workflows as a status change by {@code actor}, checked and audited on its instance as
     * any cancellation is.
     */
    void cancel(Actor actor, List<UUID> instanceIds);

    /** A workflow that keeps its matter from closing. */
    record UnfinishedWorkflow(UUID id, String title, String status) {
    }
}
