package io.matterflow.access;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.matterflow.directory.Emails;

/**
 * Failed sign-ins, in this node's memory (bounded caches; entries expire once they can no longer refuse anything).
 * <p>
 * Per email: the failures within a window, then a lockout. Emails that belong to nobody are counted and locked
 * exactly like real ones, so the answers never tell whether an email exists.
 * <p>
 * Per client address: a budget of failed password checks (a Bucket4j token bucket: {@code maxFailures} at once,
 * earned back evenly over the window). Every check costs a BCrypt hash, whether the email exists or not, so the
 * budget bounds the CPU one address can make the server spend without signing in; the per-email lockout alone
 * does not, since an attacker can try a new email each time. A check is taken from the budget before the password
 * is checked and given back when it did not fail, so successful sign-ins cost nothing and concurrent attempts
 * cannot overdraw it. IPv6 addresses count by their /64, the block one subscriber usually holds.
 * <p>
 * With several nodes each keeps its own counts: an attacker spreading attempts over N nodes gets at most N times
 * the allowance.
 */
@Component
public class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    /** An IPv6 literal, as a servlet container gives it; anything else is never handed to InetAddress (no DNS). */
    private static final Pattern IPV6 = Pattern.compile("(?=[^%]*:)\\[?[0-9A-Fa-f:][0-9A-Fa-f:.]*(%[^\\]]*)?]?");

    private final LoginThrottleProperties properties;
    private final Cache<String, Attempts> attempts;
    private final Cache<String, Budget> budgets;
    private volatile Clock clock = Clock.systemUTC();

    LoginThrottle(LoginThrottleProperties properties) {
        this.properties = properties;
        this.attempts = Caffeine.newBuilder().maximumSize(100_000)
                .expireAfterWrite(properties.window().plus(properties.lockout())).build();
        // an address left alone for a window has its whole budget back: forgetting it then loses nothing
        this.budgets = Caffeine.newBuilder().maximumSize(100_000)
                .expireAfterAccess(properties.perAddress().window()).build();
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

    /**
     * Takes one password check from the client address's budget: null when taken, or else when the next check will
     * be available (the budget is spent; the caller refuses without checking).
     */
    Instant takeCheck(String address) {
        Budget budget = budgets.get(source(address), k -> new Budget(newBucket()));
        ConsumptionProbe probe = budget.bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return null;
        }
        Instant now = clock.instant();
        Instant until = now.plusNanos(probe.getNanosToWaitForRefill());
        Instant warned = budget.warnedAt;
        // once per window and address, not on every refused attempt of a flood
        if (warned == null || !now.isBefore(warned.plus(properties.perAddress().window()))) {
            budget.warnedAt = now;
            log.warn("Sign-ins from {} refused until {}: more than {} failed password checks within {}",
                    LogText.escape(source(address)), until, properties.perAddress().maxFailures(),
                    properties.perAddress().window());
        }
        return until;
    }

    /** Gives back a check taken by {@link #takeCheck} that did not fail: only failed checks spend the budget. */
    void returnCheck(String address) {
        Budget budget = budgets.getIfPresent(source(address));
        if (budget != null) {
            budget.bucket.addTokens(1);
        }
    }

    public Duration lockout() {
        return properties.lockout();
    }

    /** For tests: the time source, of the lockouts and the budgets alike. */
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

    /**
     * Whose budget an address spends: an IPv4 address itself, an IPv6 address its /64 (a subscriber can pick any of
     * the 2^64 addresses in it). Anything else (possible only when forwarded headers are trusted) is used as given,
     * cut to a bounded length.
     */
    public static String source(String address) {
        if (address == null) {
            return "";
        }
        if (IPV6.matcher(address).matches()) {
            String literal = address.replace("[", "").replace("]", "");
            int zone = literal.indexOf('%');
            try {
                // a literal containing ':' is parsed, never looked up
                InetAddress parsed = InetAddress.getByName(zone < 0 ? literal : literal.substring(0, zone));
                if (parsed instanceof Inet6Address) {
                    byte[] bytes = parsed.getAddress();
                    StringBuilder network = new StringBuilder();
                    for (int i = 0; i < 8; i += 2) {
                        network.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)))
                                .append(':');
                    }
                    return network.append(":/64").toString();
                }
                return parsed.getHostAddress(); // an IPv4-mapped address
            } catch (UnknownHostException e) {
                // not an address after all: counted as given
            }
        }
        return address.length() > 64 ? address.substring(0, 64) : address;
    }

    private Bucket newBucket() {
        LoginThrottleProperties.PerAddress budget = properties.perAddress();
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(budget.maxFailures())
                        .refillGreedy(budget.maxFailures(), budget.window()))
                .withCustomTimePrecision(new ClockTime())
                .build();
    }

    /** Bucket4j's time read from {@link #clock}, so that tests can move it. */
    private final class ClockTime implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }

    private static final class Budget {

        final Bucket bucket;
        volatile Instant warnedAt;

        Budget(Bucket bucket) {
            this.bucket = bucket;
        }
    }

    private record Attempts(Instant windowStart, int failures, Instant lockedUntil) {
    }
}
