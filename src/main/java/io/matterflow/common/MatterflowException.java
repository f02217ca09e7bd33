package io.matterflow.common;

import java.util.Map;
import java.util.Set;

/** Base of the typed errors the engine raises; each maps to one HTTP status. */
public abstract class MatterflowException extends RuntimeException {

    /** RFC 9457's own members: extra properties of a problem detail must not overwrite them. */
    private static final Set<String> PROBLEM_MEMBERS = Set.of("type", "title", "status", "detail", "instance");

    protected MatterflowException(String message) {
        super(message);
    }

    /** A short, stable title for the problem type, for example "Step not found". */
    public abstract String title();

    /** The extra properties of a problem, refused when one would overwrite a member of the problem itself. */
    protected static Map<String, Object> problemProperties(Map<String, Object> properties) {
        for (String key : properties.keySet()) {
            if (PROBLEM_MEMBERS.contains(key)) {
                throw new IllegalArgumentException("a problem's property may not be named " + key
                        + ": it would overwrite the problem's own member");
            }
        }
        return Map.copyOf(properties);
    }
}
