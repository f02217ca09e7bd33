package io.matterflow.condition;

/** The matter's fields a condition may ask about. */
public enum MatterField {
    /** The matter's practice area equals a value (ignoring case and surrounding spaces). */
    PRACTICE_AREA,
    /** The matter has a key date of this name. */
    KEY_DATE
}
