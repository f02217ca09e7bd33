package io.matterflow.access;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code matterflow.security.login.*}: after {@code maxFailures} failed sign-ins for one email within
 * {@code window}, sign-ins for that email are refused for {@code lockout} (default 5 within 15 minutes, locked for 15
 * minutes). The counts live in this node's memory.
 */
@ConfigurationProperties("matterflow.security.login")
public record LoginThrottleProperties(Integer maxFailures, Duration window, Duration lockout) {

    public LoginThrottleProperties {
        maxFailures = maxFailures == null ? 5 : maxFailures;
        window = window == null ? Duration.ofMinutes(15) : window;
        lockout = lockout == null ? Duration.ofMinutes(15) : lockout;
    }
}
