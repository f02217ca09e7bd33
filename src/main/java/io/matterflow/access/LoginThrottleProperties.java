package io.matterflow.access;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code matterflow.security.login.*}: after {@code maxFailures} failed sign-ins for one email within
 * {@code window}, sign-ins for that email are refused for {@code lockout} (default 5 within 15 minutes, locked for 15
 * minutes). {@code perAddress}: failed password checks one client address may cause (see {@link PerAddress}). The
 * counts are in the database, shared by every node ({@link LoginThrottle}).
 */
@ConfigurationProperties("matterflow.security.login")
public record LoginThrottleProperties(Integer maxFailures, Duration window, Duration lockout, PerAddress perAddress) {

    public LoginThrottleProperties {
        maxFailures = maxFailures == null ? 5 : maxFailures;
        window = window == null ? Duration.ofMinutes(15) : window;
        lockout = lockout == null ? Duration.ofMinutes(15) : lockout;
        perAddress = perAddress == null ? new PerAddress(null, null) : perAddress;
    }

    /**
     * {@code matterflow.security.login.per-address.*}: a client address (an IPv6 one by its /64) may fail at most
     * {@code maxFailures} password checks at once, and earns them back evenly over {@code window} (default 10 per
     * minute); beyond that its sign-ins are refused without a check. Each check costs a BCrypt hash, so this bounds
     * the CPU an unauthenticated client can spend.
     */
    public record PerAddress(Integer maxFailures, Duration window) {

        public PerAddress {
            maxFailures = maxFailures == null ? 10 : maxFailures;
            window = window == null ? Duration.ofMinutes(1) : window;
            if (maxFailures < 1) {
                throw new IllegalArgumentException("matterflow.security.login.per-address.max-failures must be at"
                        + " least 1, not " + maxFailures);
            }
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("matterflow.security.login.per-address.window must be positive,"
                        + " not " + window);
            }
        }
    }
}
