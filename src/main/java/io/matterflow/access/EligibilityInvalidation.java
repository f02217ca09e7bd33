package io.matterflow.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.matterflow.directory.Directory;

/**
 * Keeps this node's eligibility cache right when another node changes a matter's people: every change is recorded
 * in {@code matter_changes} in its own transaction, and each node polls that table
 * ({@code matterflow.access.invalidation-poll}, default 500 ms) and drops the cached entries of the matters changed
 * since its previous poll. The window reaches {@value #OVERLAP_SECONDS} s further back, because a change becomes
 * visible at its commit, a little after the time it records; invalidating twice is harmless. Rows older than a day
 * are pruned.
 */
@Component
class EligibilityInvalidation {

    static final long OVERLAP_SECONDS = 10;
    private static final Logger log = LoggerFactory.getLogger(EligibilityInvalidation.class);
    private static final Duration KEEP = Duration.ofDays(1);

    private final Directory directory;
    private final StepAccess access;
    private final Clock clock;
    private volatile Instant lastPoll;
    private volatile long polls;

    EligibilityInvalidation(Directory directory, StepAccess access, Clock clock) {
        this.directory = directory;
        this.access = access;
        this.clock = clock;
        this.lastPoll = clock.instant();
    }

    @Scheduled(fixedDelayString = "${matterflow.access.invalidation-poll:500ms}")
    void poll() {
        Instant started = clock.instant();
        try {
            for (UUID matterId : directory.mattersChangedSince(lastPoll.minusSeconds(OVERLAP_SECONDS))) {
                access.invalidateMatter(matterId);
            }
            lastPoll = started;
            if (++polls % 1200 == 0) {
                directory.forgetMatterChangesBefore(started.minus(KEEP));
            }
        } catch (RuntimeException e) {
            log.warn("Could not poll matter changes; cached eligibility may stay stale until it expires", e);
        }
    }
}
