package io.matterflow.action;

/**
 * What happens to a step. READY, WITHDRAW (a READY step that an edit put behind an unfinished required step goes back
 * to PENDING) and AUTO_SKIP are raised by the engine only; the rest by people or providers. ASSIGN gives a step to a
 * named person or back to the pool without changing its state; RELEASE (engine only) takes a step from a person who
 * was deactivated, leaving its state as it is.
 */
public enum ActionEvent {
    READY, CLAIM, UNCLAIM, START, COMPLETE, FAIL, BLOCK, UNBLOCK, SKIP, RETRY, AUTO_SKIP, WITHDRAW, ASSIGN, RELEASE;

    public boolean isSystemOnly() {
        return this == READY || this == AUTO_SKIP || this == WITHDRAW || this == RELEASE;
    }

    /** The lower-case name used in routes and audit actions, e.g. "step.claim". */
    public String route() {
        return name().toLowerCase().replace('_', '-');
    }
}
