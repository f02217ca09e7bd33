package io.matterflow.access;

import java.time.Instant;

import org.springframework.security.core.AuthenticationException;

/**
 * Sign-ins are refused until {@link #until()}: those for this email after too many failures
 * ({@link Scope#EMAIL}), or those from the client's address after it spent its budget of failed password checks
 * ({@link Scope#ADDRESS}). The password was not checked.
 */
public class SignInThrottledException extends AuthenticationException {

    public enum Scope { EMAIL, ADDRESS }

    private final transient Instant until;
    private final Scope scope;

    SignInThrottledException(Instant until) {
        this(until, Scope.EMAIL);
    }

    SignInThrottledException(Instant until, Scope scope) {
        super(scope == Scope.EMAIL ? "too many failed sign-ins for this email; try again later"
                : "too many failed sign-ins from this address; try again later");
        this.until = until;
        this.scope = scope;
    }

    public Instant until() {
        return until;
    }

    public Scope scope() {
        return scope;
    }
}
