package io.matterflow.people;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code matterflow.people.*}: how long an invitation's link ({@code invitation-ttl}, 72 hours) and a password
 * reset's ({@code reset-ttl}, 1 hour) work, and how many reset emails "Forgot password" sends
 * ({@code reset-requests.*}).
 */
@ConfigurationProperties("matterflow.people")
public record PeopleProperties(Duration invitationTtl, Duration resetTtl, ResetRequests resetRequests) {

    public PeopleProperties {
        invitationTtl = positive(invitationTtl, Duration.ofHours(72), "invitation-ttl");
        resetTtl = positive(resetTtl, Duration.ofHours(1), "reset-ttl");
        resetRequests = resetRequests == null ? new ResetRequests(null, null, null) : resetRequests;
    }

    /**
     * {@code matterflow.people.reset-requests.*}: within {@code window} (1 hour), at most {@code per-email} (3)
     * reset emails to one address, and at most {@code per-address} (10) requests from one client address (an IPv6
     * one by its /64). Beyond the first the answer is the same and nothing is sent; beyond the second it is 429.
     */
    public record ResetRequests(Integer perEmail, Integer perAddress, Duration window) {

        public ResetRequests {
            perEmail = atLeastOne(perEmail == null ? 3 : perEmail, "reset-requests.per-email");
            perAddress = atLeastOne(perAddress == null ? 10 : perAddress, "reset-requests.per-address");
            window = positive(window, Duration.ofHours(1), "reset-requests.window");
        }
    }

    private static Duration positive(Duration value, Duration fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("matterflow.people." + name + " must be positive");
        }
        return value;
    }

    private static int atLeastOne(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException("matterflow.people." + name + " must be at least 1");
        }
        return value;
    }
}
