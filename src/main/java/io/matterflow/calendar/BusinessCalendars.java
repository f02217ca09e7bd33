package io.matterflow.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.matterflow.audit.AuditLog;
import io.matterflow.audit.AuditRecord;
import io.matterflow.common.ConflictException;
import io.matterflow.common.FieldError;
import io.matterflow.common.ForbiddenException;
import io.matterflow.common.NotFoundException;
import io.matterflow.common.TooLargeException;
import io.matterflow.common.ValidationException;
import io.matterflow.directory.Actor;

/**
 * Each firm's calendar, read from the database each time (an admin's change applies on every node at once), and its
 * admins' changes: settings, holidays one by one, holidays from an iCalendar file. Every change locks the firm's
 * calendar row, bumps its version, is audited in the calendar's own stream and publishes {@link CalendarChanged} in
 * its transaction; a change that changes nothing records nothing and keeps the version.
 */
@Service
@EnableConfigurationProperties(CalendarProperties.class)
public class BusinessCalendars {

    public static final int MAX_NAME = 200;
    public static final int MAX_STAGES = 5;
    public static final Duration MAX_STAGE = Duration.ofDays(60);
    public static final int MAX_ESCALATION_DAYS = 60;
    /** The largest .ics file an import reads. */
    public static final int MAX_ICS_BYTES = 1024 * 1024;
    /** Imports take the dates from this many years back ... */
    static final int IMPORT_YEARS_BACK = 1;
    /** ... to this many years ahead. */
    static final int IMPORT_YEARS_AHEAD = 5;

    private static final Pattern HH_MM = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
    private static final int MAX_ATTEMPTS = 3;

    private final JdbcTemplate jdbc;
    private final CalendarProperties defaults;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    BusinessCalendars(JdbcTemplate jdbc, CalendarProperties defaults, AuditLog audit, ApplicationEventPublisher events,
                      PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.defaults = defaults;
        this.audit = audit;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
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

    /** The firm's holidays from {@code from} to {@code to}, both included and both optional, by date. */
    public List<Holiday> holidays(UUID orgId, LocalDate from, LocalDate to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw ValidationException.of("Invalid request", "to", "must not be before from");
        }
        return jdbc.query("""
                select holiday_date, name from firm_holidays where org_id = ?
                and holiday_date >= ? and holiday_date <= ? order by holiday_date""",
                (rs, i) -> new Holiday(rs.getObject("holiday_date", LocalDate.class), rs.getString("name")),
                orgId, from == null ? LocalDate.of(1, 1, 1) : from, to == null ? LocalDate.of(9999, 12, 31) : to);
    }

    /** Replaces the firm's settings; each failing field is named, and then nothing changes. Admins only. */
    public FirmCalendar update(Actor actor, CalendarSettings settings) {
        requireAdmin(actor);
        Settings wanted = Settings.check(settings);
        change(actor, "calendar.update", current -> {
            Map<String, Object> changes = new LinkedHashMap<>();
            compare(changes, "timeZone", current.zone().getId(), wanted.zone().getId());
            compare(changes, "workingDays", stored(current.workingDays()), stored(wanted.workingDays()));
            compare(changes, "closeOfBusiness", current.closeOfBusiness().toString(),
                    wanted.closeOfBusiness().toString());
            compare(changes, "reminderStages", stored(current.reminderStages()), stored(wanted.reminderStages()));
            compare(changes, "escalationBusinessDays", current.escalationBusinessDays(),
                    wanted.escalationBusinessDays());
            if (changes.isEmpty()) {
                return Change.none(null);
            }
            jdbc.update("""
                    update firm_calendars set time_zone = ?, working_days = ?, close_of_business = ?,
                    reminder_stages = ?, escalation_business_days = ? where org_id = ?""",
                    wanted.zone().getId(), stored(wanted.workingDays()), wanted.closeOfBusiness().toString(),
                    stored(wanted.reminderStages()), wanted.escalationBusinessDays(), actor.orgId());
            return new Change<>(null, "settings: " + String.join(", ", changes.keySet()), changes);
        });
        return of(actor.orgId());
    }

    /** Makes the date a holiday by that name, or renames it. Admins only. */
    public Holiday putHoliday(Actor actor, LocalDate date, String name) {
        requireAdmin(actor);
        String checked = name(name);
        if (date == null) {
            throw ValidationException.of("Invalid holiday", "date", "is required");
        }
        return change(actor, "calendar.holiday.put", current -> {
            String was = current.holidays().get(date);
            if (checked.equals(was)) {
                return Change.none(new Holiday(date, checked));
            }
            Map<String, Object> metadata = new LinkedHashMap<>(Map.of("date", date.toString(), "name", checked));
            if (was == null) {
                jdbc.update("insert into firm_holidays (org_id, holiday_date, name) values (?, ?, ?)",
                        actor.orgId(), date, checked);
            } else {
                jdbc.update("update firm_holidays set name = ? where org_id = ? and holiday_date = ?", checked,
                        actor.orgId(), date);
                metadata.put("previousName", was);
            }
            return new Change<>(new Holiday(date, checked), "holiday " + date, metadata);
        }).result();
    }

    /** Makes the date a working day again; 404 when it is not a holiday. Admins only. */
    public void removeHoliday(Actor actor, LocalDate date) {
        requireAdmin(actor);
        change(actor, "calendar.holiday.remove", current -> {
            String was = current.holidays().get(date);
            if (was == null) {
                throw new NotFoundException("Holiday", String.valueOf(date));
            }
            jdbc.update("delete from firm_holidays where org_id = ? and holiday_date = ?", actor.orgId(), date);
            return new Change<>(null, "holiday " + date, Map.of("date", date.toString(), "name", was));
        });
    }

    /**
     * Takes the holidays of an iCalendar file (at most {@link #MAX_ICS_BYTES}): its all-day events from
     * {@value #IMPORT_YEARS_BACK} year back to {@value #IMPORT_YEARS_AHEAD} years ahead, yearly ones repeated
     * ({@link HolidayFile}). A date already a holiday by the same name is skipped, by another name renamed. A file
     * that is not iCalendar is a 400 naming {@code file}, and then nothing changes. Admins only.
     */
    public HolidayImport importHolidays(Actor actor, InputStream ics) {
        requireAdmin(actor);
        byte[] content;
        try {
            content = ics.readNBytes(MAX_ICS_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded calendar", e);
        }
        if (content.length > MAX_ICS_BYTES) {
            throw new TooLargeException("the calendar file is larger than the limit of " + MAX_ICS_BYTES + " bytes");
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), of(actor.orgId()).zone());
        HolidayFile.Read file = HolidayFile.read(content, today.minusYears(IMPORT_YEARS_BACK),
                today.plusYears(IMPORT_YEARS_AHEAD));
        Done<HolidayImport> done = change(actor, "calendar.holidays.import", current -> {
            List<Holiday> added = new ArrayList<>();
            List<HolidayImport.Renamed> renamed = new ArrayList<>();
            List<HolidayImport.Skipped> skipped = new ArrayList<>(file.skipped());
            Map<LocalDate, String> taken = new TreeMap<>();
            for (HolidayFile.Dated dated : file.dates()) {
                String earlier = taken.putIfAbsent(dated.date(), dated.name());
                String was = current.holidays().get(dated.date());
                if (earlier != null) {
                    skipped.add(new HolidayImport.Skipped(dated.name(), dated.date(),
                            "the file gives this date already, as \u201c" + earlier + "\u201d"));
                } else if (dated.name().equals(was)) {
                    skipped.add(new HolidayImport.Skipped(dated.name(), dated.date(), "is a holiday already"));
                } else if (was == null) {
                    jdbc.update("insert into firm_holidays (org_id, holiday_date, name) values (?, ?, ?)",
                            actor.orgId(), dated.date(), dated.name());
                    added.add(new Holiday(dated.date(), dated.name()));
                } else {
                    jdbc.update("update firm_holidays set name = ? where org_id = ? and holiday_date = ?",
                            dated.name(), actor.orgId(), dated.date());
                    renamed.add(new HolidayImport.Renamed(dated.date(), was, dated.name()));
                }
            }
            var result = new HolidayImport(added, renamed, skipped, current.version());
            if (added.isEmpty() && renamed.isEmpty()) {
                return Change.none(result);
            }
            return new Change<>(result, "holidays imported", Map.of(
                    "added", added.stream().map(h -> Map.of("date", h.date().toString(), "name", h.name())).toList(),
                    "renamed", renamed.stream().map(r -> Map.of("date", r.date().toString(), "from", r.from(),
                            "to", r.to())).toList(),
                    "skipped", skipped.size()));
        });
        HolidayImport result = done.result();
        return new HolidayImport(result.added(), result.renamed(), result.skipped(), done.version());
    }

    /**
     * Runs one change in a transaction holding the firm's calendar row (inserted with the defaults first if absent)
     * and, if it changed something, bumps the version, audits it and publishes {@link CalendarChanged}. Retried when
     * two admins insert the row at once.
     */
    private <T> Done<T> change(Actor actor, String action, Function<FirmCalendar, Change<T>> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(status -> {
                    long version = lock(actor.orgId());
                    Change<T> change = work.apply(of(actor.orgId()));
                    if (change.what() == null) {
                        return new Done<>(change.result(), version);
                    }
                    long next = version + 1;
                    jdbc.update("update firm_calendars set version = ?, updated_by = ?, updated_at = ? where org_id = ?",
                            next, actor.userId(), OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC),
                            actor.orgId());
                    UUID id = calendarId(actor.orgId());
                    audit.append(new AuditRecord(actor.orgId(), id, actor, action, "CALENDAR", id,
                            String.valueOf(version), String.valueOf(next), change.metadata()));
                    events.publishEvent(new CalendarChanged(actor.orgId(), next, change.what()));
                    return new Done<>(change.result(), next);
                });
            } catch (DataIntegrityViolationException e) {
                // Two admins changed a calendar never changed before at once; the retry sees the other's row.
                if (attempt == MAX_ATTEMPTS) {
                    throw new ConflictException("Concurrent update",
                            "the calendar was changed by someone else at the same time; try again");
                }
            }
        }
    }

    /** What a change did: nothing ({@code what} null), or what it changed and the audit event's metadata. */
    private record Change<T>(T result, String what, Map<String, ?> metadata) {
        static <T> Change<T> none(T result) {
            return new Change<>(result, null, Map.of());
        }
    }

    /** What a change answered, and the calendar's version after it. */
    private record Done<T>(T result, long version) {
    }

    /** Locks the firm's calendar row, inserting it with the defaults if absent; answers its version. */
    private long lock(UUID orgId) {
        List<Long> version = jdbc.queryForList("select version from firm_calendars where org_id = ? for update",
                Long.class, orgId);
        if (!version.isEmpty()) {
            return version.get(0);
        }
        jdbc.update("""
                insert into firm_calendars (org_id, time_zone, working_days, close_of_business, reminder_stages,
                escalation_business_days, version) values (?, ?, ?, ?, ?, ?, 0)""", orgId, defaults.timeZone().getId(),
                stored(defaults.workingDays()), defaults.closeOfBusiness().toString(),
                stored(defaults.reminderStages()), defaults.escalationBusinessDays());
        return 0;
    }

    /** A stable id for the firm's calendar: the entity and stream id of its audit events. */
    static UUID calendarId(UUID orgId) {
        return UUID.nameUUIDFromBytes(("calendar:" + orgId).getBytes(StandardCharsets.UTF_8));
    }

    private static void compare(Map<String, Object> changes, String field, Object from, Object to) {
        if (!from.equals(to)) {
            changes.put(field, Map.of("from", from, "to", to));
        }
    }

    private static String name(String name) {
        String stripped = name == null ? "" : name.strip();
        if (stripped.isEmpty() || stripped.length() > MAX_NAME) {
            throw ValidationException.of("Invalid holiday", "name", "must be 1 to " + MAX_NAME + " characters");
        }
        if (stripped.chars().anyMatch(Character::isISOControl)) {
            throw ValidationException.of("Invalid holiday", "name", "must not contain control characters");
        }
        return stripped;
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) {
            throw new ForbiddenException("only admins may change the firm's calendar");
        }
    }

    /** Working days as stored: their names in week order, comma-separated. */
    static String stored(Set<DayOfWeek> days) {
        return EnumSet.copyOf(days).stream().map(DayOfWeek::name).collect(Collectors.joining(","));
    }

    /** Reminder stages as stored: ISO-8601, longest first, comma-separated. */
    static String stored(List<Duration> stages) {
        return stages.stream().sorted(java.util.Comparator.reverseOrder()).map(CalendarSettings::iso)
                .collect(Collectors.joining(","));
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

    /** Settings checked: every failing field named at once. */
    private record Settings(ZoneId zone, Set<DayOfWeek> workingDays, LocalTime closeOfBusiness,
                            List<Duration> reminderStages, int escalationBusinessDays) {

        static Settings check(CalendarSettings settings) {
            List<FieldError> errors = new ArrayList<>();
            ZoneId zone = null;
            if (settings.timeZone() == null || !ZoneId.getAvailableZoneIds().contains(settings.timeZone().strip())) {
                errors.add(new FieldError("timeZone", "must be an IANA time zone such as Europe/London"));
            } else {
                zone = ZoneId.of(settings.timeZone().strip());
            }
            if (settings.workingDays() == null || settings.workingDays().isEmpty()
                    || settings.workingDays().contains(null)) {
                errors.add(new FieldError("workingDays", "must name at least one day, MONDAY to SUNDAY"));
            }
            LocalTime close = null;
            if (settings.closeOfBusiness() == null || !HH_MM.matcher(settings.closeOfBusiness().strip()).matches()) {
                errors.add(new FieldError("closeOfBusiness", "must be a time of day as HH:mm, such as 17:00"));
            } else {
                close = LocalTime.parse(settings.closeOfBusiness().strip());
            }
            List<Duration> stages = stages(settings.reminderStages(), errors);
            Integer escalation = settings.escalationBusinessDays();
            if (escalation == null || escalation < 0 || escalation > MAX_ESCALATION_DAYS) {
                errors.add(new FieldError("escalationBusinessDays", "must be between 0 and " + MAX_ESCALATION_DAYS));
            }
            if (!errors.isEmpty()) {
                throw new ValidationException("Invalid calendar settings", errors);
            }
            return new Settings(zone, EnumSet.copyOf(settings.workingDays()), close, stages, escalation);
        }

        private static List<Duration> stages(List<String> written, List<FieldError> errors) {
            if (written == null) {
                errors.add(new FieldError("reminderStages", "is required (an empty list for no reminders)"));
                return List.of();
            }
            if (written.size() > MAX_STAGES) {
                errors.add(new FieldError("reminderStages", "must have at most " + MAX_STAGES + " stages"));
                return List.of();
            }
            List<Duration> stages = new ArrayList<>();
            for (int i = 0; i < written.size(); i++) {
                String field = "reminderStages[" + i + "]";
                Duration stage = parse(written.get(i));
                if (stage == null) {
                    errors.add(new FieldError(field, "must be a duration such as P7D (7 days), PT4H (4 hours) or"
                            + " PT0S (at the due time)"));
                } else if (stage.isNegative() || stage.compareTo(MAX_STAGE) > 0) {
                    errors.add(new FieldError(field, "must be between 0 and 60 days before the due time"));
                } else if (stages.contains(stage)) {
                    errors.add(new FieldError(field, "repeats an earlier stage"));
                } else {
                    stages.add(stage);
                }
            }
            return stages;
        }

        private static Duration parse(String stage) {
            try {
                return stage == null || stage.isBlank() ? null : DurationStyle.detectAndParse(stage.strip());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
