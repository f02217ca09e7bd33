package io.matterflow.instance;

public enum WorkflowStatus {
    DRAFT, ACTIVE, PAUSED, COMPLETED, CANCELED;

    public boolean isFinal() {
        return this == COMPLETED || this == CANCELED;
    }
}
