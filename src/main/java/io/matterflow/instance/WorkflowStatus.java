package io.matterflow.instance;

public enum WorkflowStatus {
    DRAFT("Draft"), ACTIVE("Active"), PAUSED("Paused"), COMPLETED("Completed"), CANCELED("Canceled");

    private final String label;

    WorkflowStatus(String label) {
        this.label = label;
    }

    public boolean isFinal() {
        return this == COMPLETED || this == CANCELED;
    }

    /** The word people read in the UI; the API keeps the name. */
    public String label() {
        return label;
    }
}
