package io.matterflow.access;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.matterflow.common.EpochMicros;
import io.matterflow.directory.Emails;

/**
 * Failed sign-ins, counted in the database: every node counts against the same limits, and a restart forgets
 * nothing.
 * <p>
 * Per email ({@code sign_in_failures}): the failures within a window, then a lockout. Emails that belong to nobody
 * are counted and locked exactly like real ones, so the answers never tell whether an email exists. Each failure
 * locks the email's row in a transaction of its own, so concurrent failures on several nodes all count and a
 * caller's rollback does not undo one.
 * <p>
 * Per client address: a budget of failed password checks ({@link RateLimits}: {@code maxFailures} at once, earned
 * back evenly over the window). Every check costs a BCrypt hash, whether the email exists or not, so the budget
 * bounds the CPU one address can make the servers spend without signing in; the per-email lockout alone does not,
 * since an attacker can try a new email each time. A check is taken from the budget before the password is checked
 * and given back when it did not fail, so successful sign-ins cost nothing and concurrent attempts cannot overdraw
 * it. IPv6 addresses count by their /64, the block one subscriber usually holds.
 * <p>
 * The warning that an address spent its budget is logged once per window by each node that refuses it.
 */
@Component
public class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    /** An IPv6 literal, as a servlet container gives it; anything else is never handed to InetAddress (no DNS). */
    private static final Pattern IPV6 = Pattern.compile("(?=[^%]*:)\\[?[0-9A-Fa-f:][0-9A-Fa-f:.]*(%[^\\]]*)?]?");

    private final LoginThrottleProperties properties;
    private final JdbcTemplate jdbc;
    private final RateLimits rateLimits;
    private final RateLimits.Limit perAddress;
    /** When each address's refusal was last logged (only to keep a flood from filling the log). */
    private final Cache<String, Instant> warned;
    private volatile Clock clock = Clock.systemUTC();

    LoginThrottle(LoginThrottleProperties properties, JdbcTemplate jdbc, RateLimits rateLimits) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.rateLimits = rateLimits;
        this.perAddress = new RateLimits.Limit("sign-in-address", properties.perAddress().maxFailures(),
                properties.perAddress().window());
        this.warned = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(properties.perAddress().window())
                .build();
    }

    /** Until when sign-ins for the email are refused, or null when they are not. */
    public Instant lockedUntil(String email) {
        String key = key(email);
        if (key.length() > Emails.MAX_LENGTH) {
            return null; // names nobody, and is never stored
        }
        long now = EpochMicros.of(clock.instant());
        List<Long> until = jdbc.queryForList(
                "select locked_until from sign_in_failures where email = ? and locked_until > ?", Long.class, key, now);
        return until.isEmpty() ? null : EpochMicros.instant(until.get(0));
    }

    public void failed(String email) {
        String key = key(email);
        if (key.length() > Emails.MAX_LENGTH) {
            return;
        }
        Instant now = clock.instant();
        Attempts a = rateLimits.separately(tx -> {
            Attempts old = lock(key);
            Attempts next;
            if (old == null || (old.lockedUntil != null && !now.isBefore(old.lockedUntil))
                    || (old.lockedUntil == null && now.isAfter(old.windowStart.plus(properties.window())))) {
                next = new Attempts(now, 1, properties.maxFailures() <= 1 ? now.plus(properties.lockout()) : null);
            } else {
                int failures = old.failures + 1;
                Instant locked = old.lockedUntil == null && failures >= properties.maxFailures()
                        ? now.plus(properties.lockout()) : old.lockedUntil;
                next = new Attempts(old.windowStart, failures, locked);
            }
            Instant forget = next.lockedUntil != null ? next.lockedUntil : next.windowStart.plus(properties.window());
            jdbc.update("""
                    update sign_in_failures set window_start = ?, failures = ?, locked_until = ?, forget_at = ?
                    where email = ?""", EpochMicros.of(next.windowStart), next.failures,
                    next.lockedUntil == null ? null : EpochMicros.of(next.lockedUntil), EpochMicros.of(forget),
                    key);
            return next;
        });
        if (a.lockedUntil != null && a.failures == properties.maxFailures()) {
            log.warn("Sign-in for {} refused until {} after {} failed attempts within {}", LogText.escape(key),
                    a.lockedUntil, a.failures, properties.window());
        }
    }

    public void succeeded(String email) {
        String key = key(email);
        if (key.length() <= Emails.MAX_LENGTH) {
            jdbc.update("delete from sign_in_failures where email = ?", key);
        }
    }

    /** The email's row, locked; created first (as no failures yet) when there is none. Null for a new row. */
    private Attempts lock(String key) {
        Attempts stored = RateLimits.lockOrCreate(() -> locked(key), () -> jdbc.update("""
                insert into sign_in_failures (email, window_start, failures, locked_until, forget_at)
                values (?, 0, 0, null, 0) on conflict do nothing""", key));
        return stored.failures == 0 ? null : stored;
    }

    private List<Attempts> locked(String key) {
        return jdbc.query("""
                select window_start, failures, locked_until from sign_in_failures where email = ? for update""",
                (rs, i) -> {
                    long windowStart = rs.getLong(1);
                    int failures = rs.getInt(2);
                    long lockedUntil = rs.getLong(3);
                    boolean unlocked = rs.wasNull();
                    return new Attempts(EpochMicros.instant(windowStart), failures,
                            unlocked ? null : EpochMicros.instant(lockedUntil));
                }, key);
    }

    /**
     * Takes one password check from the client address's budget: null when taken, or else when the next check will
     * be available (the budget is spent; the caller refuses without checking).
     */
    Instant takeCheck(String address) {
        String source = source(address);
        Instant now = clock.instant();
        Duration wait = rateLimits.take(perAddress, source, now);
        if (wait == null) {
            return null;
        }
        Instant until = now.plus(wait);
        Instant last = warned.getIfPresent(source);
        // once per window and address, not on every refused attempt of a flood
        if (last == null || !now.isBefore(last.plus(properties.perAddress().window()))) {
            warned.put(source, now);
            log.warn("Sign-ins from {} refused until {}: more than {} failed password checks within {}",
                    LogText.escape(source), until, properties.perAddress().maxFailures(),
                    properties.perAddress().window());
        }
        return until;
    }

    /** Gives back a check taken by {@link #takeCheck} that did not fail: only failed checks spend the budget. */
    void returnCheck(String address) {
        rateLimits.giveBack(perAddress, source(address), clock.instant());
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

    private record Attempts(Instant windowStart, int failures, Instant lockedUntil) {
    }
}
