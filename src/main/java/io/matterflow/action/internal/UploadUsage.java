package io.matterflow.action.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import io.matterflow.common.EpochMicros;

/**
 * The bytes each person uploaded, by the UTC hour ({@code upload_usage}): what the daily limit sums. The window is the
 * current hour and the 24 before it, so an upload counts for between 24 and 25 hours, and the sum reads at most 25
 * rows however many documents the person uploaded. Hours are microseconds since the epoch.
 */
@Repository
public class UploadUsage {

    /** How long an hour's uploads count: the 24 hours of the limit, and the hour they were made in. */
    public static final Duration WINDOW = Duration.ofHours(25);

    private final JdbcTemplate jdbc;

    UploadUsage(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What the person uploaded in the window that ends now; {@code earliest} is null when nothing. */
    public Usage of(UUID userId, Instant now) {
        return jdbc.queryForObject("""
                select coalesce(sum(bytes), 0), min(hour_start) from upload_usage
                where user_id = ? and hour_start > ?""",
                (rs, i) -> {
                    long earliest = rs.getLong(2);
                    return new Usage(rs.getLong(1), rs.wasNull() ? null : EpochMicros.instant(earliest));
                }, userId, EpochMicros.of(now.minus(WINDOW)));
    }

    /**
     * Adds an upload to its hour, in the caller's transaction. The hour's row is created first when it has none
     * (racing uploads of the same person both find it then); creating one also deletes the person's hours that have
     * left the window.
     */
    public void add(UUID userId, long bytes, Instant at) {
        long hour = EpochMicros.of(at.truncatedTo(ChronoUnit.HOURS));
        int created = jdbc.update("insert into upload_usage (user_id, hour_start, bytes) values (?, ?, 0)"
                + " on conflict do nothing", userId, hour);
        jdbc.update("update upload_usage set bytes = bytes + ? where user_id = ? and hour_start = ?", bytes, userId,
                hour);
        if (created > 0) {
            jdbc.update("delete from upload_usage where user_id = ? and hour_start <= ?", userId,
                    EpochMicros.of(at.minus(WINDOW)));
        }
    }

    /** Bytes uploaded in the window, and the start of the earliest hour that holds some. */
    public record Usage(long bytes, Instant earliest) {

        /** When the earliest hour leaves the window, so that its bytes no longer count. */
        public Instant earliestLeaves() {
            return earliest.plus(WINDOW);
        }
    }
}
