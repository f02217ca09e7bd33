package io.matterflow.access;

import java.time.Instant;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import io.matterflow.directory.Emails;

/**
 * Email and password sign-in (form login, HTTP Basic) through {@link LoginThrottle}: while an email is locked, or
 * the client's address has spent its budget of failed checks, sign-ins are refused without checking the password;
 * a failure counts against both, a success clears the email's count and costs the address nothing.
 * <p>
 * An unknown email costs what a known one does: one indexed lookup, then one BCrypt check of the same cost (Spring's
 * {@link DaoAuthenticationProvider} checks the password against a hash it made with the same encoder when the user
 * does not exist). The one exception is an email longer than any stored one, which is refused at once: it names
 * nobody, so the shortcut tells nothing, and it is never kept as a counter's key.
 */
@Component
class ThrottlingAuthenticationProvider implements AuthenticationProvider {

    private final DaoAuthenticationProvider delegate;
    private final LoginThrottle throttle;

    ThrottlingAuthenticationProvider(UserDetailsService users, PasswordEncoder passwords, LoginThrottle throttle) {
        this.delegate = new DaoAuthenticationProvider(users);
        this.delegate.setPasswordEncoder(passwords);
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String email = authentication.getName();
        Instant until = throttle.lockedUntil(email);
        if (until != null) {
            throw new SignInThrottledException(until, SignInThrottledException.Scope.EMAIL);
        }
        String address = address(authentication);
        if (address != null) {
            Instant refusedUntil = throttle.takeCheck(address);
            if (refusedUntil != null) {
                throw new SignInThrottledException(refusedUntil, SignInThrottledException.Scope.ADDRESS);
            }
        }
        try {
            Authentication result = check(authentication, email);
            giveBack(address);
            return result;
        } catch (BadCredentialsException e) {
            throw e; // the failed check stays spent
        } catch (RuntimeException e) {
            giveBack(address); // no password found wrong: the database unreachable, ...
            throw e;
        }
    }

    private Authentication check(Authentication authentication, String email) {
        if (Emails.canonical(email).length() > Emails.MAX_LENGTH) {
            throw new BadCredentialsException("Bad credentials");
        }
        try {
            Authentication result = delegate.authenticate(authentication);
            throttle.succeeded(email);
            return result;
        } catch (BadCredentialsException e) {
            throttle.failed(email);
            throw e;
        }
    }

    private void giveBack(String address) {
        if (address != null) {
            throttle.returnCheck(address);
        }
    }

    /** The client's address, for sign-ins that came over HTTP (form login and HTTP Basic both record it). */
    private static String address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
