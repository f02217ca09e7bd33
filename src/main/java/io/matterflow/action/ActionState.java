package io.matterflow.action;

public enum ActionState {
    PENDING("Waiting"), READY("Ready"), IN_PROGRESS("In progress"), BLOCKED("Blocked"), COMPLETED("Completed"),
    FAILED("Failed"), SKIPPED("Skipped");

    private final String label;

    ActionState(String label) {
        this.label = label;
    }

    /** The word people read in the UI; the API keeps the name. */
    public String label() {
        return label;
    }

    /** Satisfies a later step's prerequisite when the step is required. */
    public boolean isDone() {
        return this == COMPLETED || this == SKIPPED;
    }

    /** Someone is working on it: the instance cannot complete. */
    public boolean isActive() {
        return this == IN_PROGRESS || this == BLOCKED;
    }
}
