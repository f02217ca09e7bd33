package io.matterflow.common;

/** Base of the typed errors the engine raises; each maps to one HTTP status. */
public abstract class MatterflowException extends RuntimeException {

    protected MatterflowException(String message) {
        super(message);
    }

    /** A short, stable title for the problem type, for example "Step not found". */
    public abstract String title();
}
