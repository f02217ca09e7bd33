package io.matterflow.people;

import java.time.Duration;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.matterflow.access.LoginThrottle;
import io.matterflow.directory.Emails;

/**
 * How many "Forgot password" requests are served, in this node's memory (Bucket4j token buckets in bounded Caffeine
 * caches, like the sign-in throttle): per email, at most {@code per-email} reset emails per window, whether or not
 * the email belongs to anyone (so the limit reveals nothing); per client address (an IPv6 one by its /64), at most
 * {@code per-address} requests per window.
 */
@Component
class ResetRequestThrottle {

    private final PeopleProperties.ResetRequests limits;
    private final Cache<String, Bucket> perEmail;
    private final Cache<String, Bucket> perAddress;

    ResetRequestThrottle(PeopleProperties properties) {
        this.limits = properties.resetRequests();
        this.perEmail = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(limits.window()).build();
        this.perAddress = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(limits.window()).build();
    }

    /** Takes one request from the address's budget: null when taken, else how long until the next one. */
    Duration takeAddress(String address) {
        return take(perAddress, LoginThrottle.source(address), limits.perAddress());
    }

    /** Takes one email from the address's budget: whether one may be sent. */
    boolean takeEmail(String email) {
        String key = Emails.canonical(email);
        if (key.isEmpty() || key.length() > Emails.MAX_LENGTH) {
            return false;
        }
        return take(perEmail, key, limits.perEmail()) == null;
    }

    private Duration take(Cache<String, Bucket> cache, String key, int capacity) {
        Bucket bucket = cache.get(key, k -> Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, limits.window())).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? null : Duration.ofNanos(probe.getNanosToWaitForRefill());
    }

}
