package io.matterflow.common;

import java.util.Map;

/** The request is well formed but the current state does not allow it, or another writer won a race. */
public class ConflictException extends MatterflowException {

    private final String title;
    private final Map<String, Object> details;

    public ConflictException(String title, String message) {
        this(title, message, Map.of());
    }

    public ConflictException(String title, String message, Map<String, Object> details) {
        super(message);
        this.title = title;
        this.details = problemProperties(details);
    }

    @Override
    public String title() {
        return title;
    }

    /** Extra problem-detail properties, for example the current state and the allowed events. */
    public Map<String, Object> details() {
        return details;
    }
}
