package io.matterflow.common;

import java.time.Duration;

/** Refused for a while (a rate limit, a lockout): 429 with {@code Retry-After}. */
public class TooManyRequestsException extends MatterflowException {

    private final String title;
    private final Duration retryAfter;

    public TooManyRequestsException(String title, String message, Duration retryAfter) {
        super(message);
        this.title = title;
        this.retryAfter = retryAfter;
    }

    @Override
    public String title() {
        return title;
    }

    /** At least one second. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
