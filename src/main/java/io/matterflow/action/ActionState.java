package io.matterflow.action;

public enum ActionState {
    PENDING, READY, IN_PROGRESS, BLOCKED, COMPLETED, FAILED, SKIPPED;

    /** Satisfies a later step's prerequisite when the step is required. */
    public boolean isDone() {
        return this == COMPLETED || this == SKIPPED;
    }

    /** Someone is working on it: the instance cannot complete. */
    public boolean isActive() {
        return this == IN_PROGRESS || this == BLOCKED;
    }
}
