package io.matterflow.action;

/**
 * What happens to a step. READY, WITHDRAW (a READY step that an edit put behind an unfinished required step goes back
 * to PENDING) and AUTO_SKIP are raised by the engine only; the rest by people or providers. ASSIGN gives a step to a
 * named person or back to the pool without changing its state.
 */
public enum ActionEvent {
    READY, CLAIM, UNCLAIM, START, COMPLETE, FAIL, BLOCK, UNBLOCK, SKIP, RETRY, AUTO_SKIP, WITHDRAW, ASSIGN;

    public boolean isSystemOnly() {
        return this == READY || this == AUTO_SKIP || this == WITHDRAW;
    }

    /** The lower-case name used in routes and audit actions, e.g. "step.claim". */
    public String route() {
        return name().toLowerCase().replace('_', '-');
    }
}
