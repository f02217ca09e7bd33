package io.matterflow.directory;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A matter's key dates ("Trial", "Limitation date"): free names, one date each, matched without regard to case.
 * Storage only; {@code io.matterflow.access.Matters} checks, audits and announces changes.
 */
@Service
@Transactional(readOnly = true)
public class MatterKeyDates {

    public static final int MAX_NAME = 100;
    public static final int MAX_PER_MATTER = 50;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    MatterKeyDates(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The matter's key dates by name, names ordered without regard to case. */
    public SortedMap<String, LocalDate> of(UUID orgId, UUID matterId) {
        SortedMap<String, LocalDate> dates = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        jdbc.query("select name, key_date from matter_key_dates where org_id = ? and matter_id = ?",
                rs -> {
                    dates.put(rs.getString("name"), rs.getObject("key_date", LocalDate.class));
                }, orgId, matterId);
        return dates;
    }

    /** Replaces the matter's key dates with {@code dates} (already checked). */
    @Transactional
    public void replace(UUID orgId, UUID matterId, Map<String, LocalDate> dates, UUID byUserId) {
        jdbc.update("delete from matter_key_dates where org_id = ? and matter_id = ?", orgId, matterId);
        Timestamp now = Timestamp.from(clock.instant());
        dates.forEach((name, date) -> jdbc.update("""
                insert into matter_key_dates (matter_id, org_id, name, key_date, updated_by, updated_at)
                values (?, ?, ?, ?, ?, ?)""", matterId, orgId, name, date, byUserId, now));
    }
}
