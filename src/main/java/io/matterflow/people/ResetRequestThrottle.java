package io.matterflow.people;

import java.time.Clock;
import java.time.Duration;

import org.springframework.stereotype.Component;

import io.matterflow.access.LoginThrottle;
import io.matterflow.access.RateLimits;
import io.matterflow.directory.Emails;

/**
 * How many "Forgot password" requests are served, counted in the database like the sign-in limits (so every node
 * counts against the same ones, and a restart forgets nothing): per email, at most {@code per-email} reset emails per
 * window, whether or not the email belongs to anyone (so the limit reveals nothing); per client address (an IPv6
 * one by its /64), at most {@code per-address} requests per window.
 */
@Component
class ResetRequestThrottle {

    private final RateLimits rateLimits;
    private final RateLimits.Limit perEmail;
    private final RateLimits.Limit perAddress;
    private final Clock clock;

    ResetRequestThrottle(PeopleProperties properties, RateLimits rateLimits, Clock clock) {
        PeopleProperties.ResetRequests limits = properties.resetRequests();
        this.rateLimits = rateLimits;
        this.perEmail = new RateLimits.Limit("reset-email", limits.perEmail(), limits.window());
        this.perAddress = new RateLimits.Limit("reset-address", limits.perAddress(), limits.window());
        this.clock = clock;
    }

    /** Takes one request from the address's budget: null when taken, else how long until the next one. */
    Duration takeAddress(String address) {
        return rateLimits.take(perAddress, LoginThrottle.source(address), clock.instant());
    }

    /** Takes one email from the email's budget: whether one may be sent. */
    boolean takeEmail(String email) {
        String key = Emails.canonical(email);
        if (key.isEmpty() || key.length() > Emails.MAX_LENGTH) {
            return false;
        }
        return rateLimits.take(perEmail, key, clock.instant()) == null;
    }
}
