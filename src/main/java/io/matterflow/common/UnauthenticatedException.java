package io.matterflow.common;

/**
 * The request does not prove who sent it (401). {@link #challenge()} is the {@code WWW-Authenticate} value that says
 * how it should: HTTP Basic for people, a signature for provider webhooks.
 */
public class UnauthenticatedException extends MatterflowException {

    private final String title;
    private final String challenge;

    public UnauthenticatedException(String title, String message, String challenge) {
        super(message);
        this.title = title;
        this.challenge = challenge;
    }

    @Override
    public String title() {
        return title;
    }

    public String challenge() {
        return challenge;
    }
}
