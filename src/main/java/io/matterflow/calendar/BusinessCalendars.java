package io.matterflow.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Each firm's calendar, read from the database each time (an admin's change applies on every node at once). */
@Service
@EnableConfigurationProperties(CalendarProperties.class)
public class BusinessCalendars {

    private final JdbcTemplate jdbc;
    private final CalendarProperties defaults;

    BusinessCalendars(JdbcTemplate jdbc, CalendarProperties defaults) {
        this.jdbc = jdbc;
        this.defaults = defaults;
    }

    /** The firm's calendar as stored now; the defaults when its admins have not set one. */
    public FirmCalendar of(UUID orgId) {
        SortedMap<LocalDate, String> holidays = new TreeMap<>();
        jdbc.query("select holiday_date, name from firm_holidays where org_id = ?",
                rs -> {
                    holidays.put(rs.getObject("holiday_date", LocalDate.class), rs.getString("name"));
                }, orgId);
        List<FirmCalendar> rows = jdbc.query("""
                select time_zone, working_days, close_of_business, reminder_stages, escalation_business_days, version
                from firm_calendars where org_id = ?""", (rs, i) -> new FirmCalendar(orgId,
                ZoneId.of(rs.getString("time_zone")), days(rs.getString("working_days")),
                LocalTime.parse(rs.getString("close_of_business")), holidays, rs.getLong("version"),
                stages(rs.getString("reminder_stages")), rs.getInt("escalation_business_days")), orgId);
        if (!rows.isEmpty()) {
            return rows.get(0);
        }
        return new FirmCalendar(orgId, defaults.timeZone(), EnumSet.copyOf(defaults.workingDays()),
                defaults.closeOfBusiness(), holidays, 0, List.copyOf(defaults.reminderStages()),
                defaults.escalationBusinessDays());
    }

    static Set<DayOfWeek> days(String stored) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        Arrays.stream(stored.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(DayOfWeek::valueOf)
                .forEach(days::add);
        return days;
    }

    static List<Duration> stages(String stored) {
        return Arrays.stream(stored.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(Duration::parse)
                .toList();
    }
}
