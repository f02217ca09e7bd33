package io.matterflow.common;

import java.time.Duration;
import java.util.Map;

/** The caller has used up a quota for now: 429, with when to try again ({@code Retry-After}) and which quota. */
public class RateLimitedException extends MatterflowException {

    private final String title;
    private final Duration retryAfter;
    private final Map<String, Object> details;

    public RateLimitedException(String title, String message, Duration retryAfter, Map<String, Object> details) {
        super(message);
        this.title = title;
        this.retryAfter = retryAfter.isNegative() ? Duration.ZERO : retryAfter;
        this.details = problemProperties(details);
    }

    @Override
    public String title() {
        return title;
    }

    /** Whole seconds, at least one. */
    public long retryAfterSeconds() {
        return Math.max(1, retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0));
    }

    /** Extra problem-detail properties: the quota's name, its size, what was used. */
    public Map<String, Object> details() {
        return details;
    }
}
