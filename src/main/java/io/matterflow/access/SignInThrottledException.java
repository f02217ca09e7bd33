package io.matterflow.access;

import java.time.Instant;

import org.springframework.security.core.AuthenticationException;

/** Sign-ins for this email are refused until {@link #until()} after too many failures. */
public class SignInThrottledException extends AuthenticationException {

    private final transient Instant until;

    SignInThrottledException(Instant until) {
        super("too many failed sign-ins for this email; try again later");
        this.until = until;
    }

    public Instant until() {
        return until;
    }
}
