package io.matterflow.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock in microseconds (what the database keeps), which a test moves forward and back to now; give it to
 * the application as its {@code Clock} bean (for example with {@code @TestBean}) to test waits and windows exactly.
 */
public final class MutableClock extends Clock {

    private final Clock base = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000));
    private volatile Duration offset = Duration.ZERO;

    /**
     * From now on the clock reads the system time plus {@code offset} (to the microsecond, as the clock it stands for
     * ticks); {@code Duration.ZERO} brings it back.
     */
    public void shift(Duration offset) {
        this.offset = offset.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
