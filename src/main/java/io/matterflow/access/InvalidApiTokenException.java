package io.matterflow.access;

import org.springframework.security.core.AuthenticationException;

/** A bearer token that is malformed, unknown, expired or revoked: the answer is the same 401 for each. */
final class InvalidApiTokenException extends AuthenticationException {

    InvalidApiTokenException() {
        super("the bearer token is not a valid API token");
    }
}
