package io.matterflow.calendar;

/** What a due rule counts from. */
public enum DueAnchor {
    /** When the workflow instance became ACTIVE. */
    INSTANCE_START,
    /** When the step itself became READY. */
    STEP_READY,
    /** When another step of the same instance completed. */
    STEP_COMPLETED,
    /** A named key date of the matter ("Trial", "Limitation date"). */
    KEY_DATE
}
