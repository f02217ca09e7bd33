package io.matterflow.common;

import java.time.Duration;
import java.time.Instant;

/**
 * Times kept as microseconds since the epoch (a {@code bigint} column), so that the SQL that compares and adds them
 * reads the same on PostgreSQL and H2: the sign-in and reset limits, and the upload usage by the hour.
 */
public final class EpochMicros {

    private static final long PER_SECOND = 1_000_000L;

    private EpochMicros() {
    }

    public static long of(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), PER_SECOND), instant.getNano() / 1000);
    }

    public static long of(Duration duration) {
        return Math.addExact(Math.multiplyExact(duration.getSeconds(), PER_SECOND), duration.getNano() / 1000);
    }

    public static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, PER_SECOND), Math.floorMod(micros, PER_SECOND) * 1000);
    }
}
