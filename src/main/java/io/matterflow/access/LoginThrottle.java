package io.matterflow.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.matterflow.directory.Emails;

/**
 * Failed sign-ins per email, in this node's memory (a bounded cache; entries expire once neither the window nor a
 * lockout can still apply). Emails that belong to nobody are counted and locked exactly like real ones, so the
 * answers never tell whether an email exists. With several nodes each keeps its own counts: an attacker spreading
 * attempts over N nodes gets at most N times the allowance.
 */
@Component
public class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    private final LoginThrottleProperties properties;
    private final Cache<String, Attempts> attempts;
    private volatile Clock clock = Clock.systemUTC();

    LoginThrottle(LoginThrottleProperties properties) {
        this.properties = properties;
        this.attempts = Caffeine.newBuilder().maximumSize(100_000)
                .expireAfterWrite(properties.window().plus(properties.lockout())).build();
    }

    /** Until when sign-ins for the email are refused, or null when they are not. */
    public Instant lockedUntil(String email) {
        Attempts a = attempts.getIfPresent(key(email));
        Instant now = clock.instant();
        return a != null && a.lockedUntil != null && now.isBefore(a.lockedUntil) ? a.lockedUntil : null;
    }

    public void failed(String email) {
        Instant now = clock.instant();
        Attempts a = attempts.asMap().compute(key(email), (k, old) -> {
            if (old == null || (old.lockedUntil != null && !now.isBefore(old.lockedUntil))
                    || (old.lockedUntil == null && now.isAfter(old.windowStart.plus(properties.window())))) {
                return new Attempts(now, 1, null);
            }
            int failures = old.failures + 1;
            Instant locked = old.lockedUntil == null && failures >= properties.maxFailures()
                    ? now.plus(properties.lockout()) : old.lockedUntil;
            return new Attempts(old.windowStart, failures, locked);
        });
        if (a.lockedUntil != null && a.failures == properties.maxFailures()) {
            log.warn("Sign-in for {} refused until {} after {} failed attempts within {}", LogText.escape(key(email)),
                    a.lockedUntil, a.failures, properties.window());
        }
    }

    public void succeeded(String email) {
        attempts.invalidate(key(email));
    }

    public Duration lockout() {
        return properties.lockout();
    }

    /** For tests: the time source. */
    public void useClock(Clock clock) {
        this.clock = clock;
    }

    /**
     * The email's canonical form, the same the user lookup matches exactly: every spelling that reaches an account
     * counts against that account's one counter.
     */
    private static String key(String email) {
        return Emails.canonical(email);
    }

    private record Attempts(Instant windowStart, int failures, Instant lockedUntil) {
    }
}
