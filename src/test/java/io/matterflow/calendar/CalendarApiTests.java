package io.matterflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.matterflow.audit.AuditEvent;
import io.matterflow.audit.AuditLog;
import io.matterflow.directory.Directory;
import io.matterflow.directory.UserAccount;
import io.matterflow.support.H2Test;
import io.matterflow.support.TestFirm;

/**
 * {@code /api/calendar}: everyone in the firm reads the calendar and its holidays; admins change them, each change
 * versioned, audited and published as {@link CalendarChanged} in its transaction; refusals change nothing.
 */
@H2Test
@AutoConfigureMockMvc
class CalendarApiTests {

    private static final String LONDON = """
            {"timeZone": "Europe/London", "workingDays": ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY"],
             "closeOfBusiness": "17:30", "reminderStages": ["P3D", "PT4H", "PT0S"], "escalationBusinessDays": 5}""";

    @Autowired
    MockMvc mvc;
    @Autowired
    Directory directory;
    @Autowired
    BusinessCalendars calendars;
    @Autowired
    AuditLog audit;
    @Autowired
    ConfigurableApplicationContext context;

    TestFirm firm;
    final List<CalendarChanged> published = new ArrayList<>();
    final List<Boolean> publishedInTransaction = new ArrayList<>();
    final ApplicationListener<ApplicationEvent> listener = event -> {
        if (event instanceof PayloadApplicationEvent<?> payload && payload.getPayload() instanceof CalendarChanged c) {
            published.add(c);
            publishedInTransaction.add(TransactionSynchronizationManager.isActualTransactionActive());
        }
    };

    @BeforeEach
    void firm() {
        firm = TestFirm.create(directory);
        context.addApplicationListener(listener);
    }

    @AfterEach
    void stopListening() {
        context.removeApplicationListener(listener);
    }

    @Test
    void shouldShowTheDefaultsToEveryoneInTheFirmUntilAnAdminChangesThem() throws Exception {
        for (UserAccount user : List.of(firm.admin(), firm.owner(), firm.paralegal(), firm.client())) {
            mvc.perform(as(user, get("/api/calendar")))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.timeZone").value("UTC"))
                    .andExpect(jsonPath("$.workingDays.length()").value(5))
                    .andExpect(jsonPath("$.closeOfBusiness").value("17:00"))
                    .andExpect(jsonPath("$.reminderStages").value(Matchers.contains("P7D", "P1D", "PT0S")))
                    .andExpect(jsonPath("$.escalationBusinessDays").value(2))
                    .andExpect(jsonPath("$.version").value(0));
        }

        mvc.perform(as(firm.admin(), put("/api/calendar")).contentType(MediaType.APPLICATION_JSON).content(LONDON))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.timeZone").value("Europe/London"))
                .andExpect(jsonPath("$.workingDays").value(Matchers.contains("MONDAY", "TUESDAY", "WEDNESDAY",
                        "THURSDAY")))
                .andExpect(jsonPath("$.closeOfBusiness").value("17:30"))
                .andExpect(jsonPath("$.reminderStages").value(Matchers.contains("P3D", "PT4H", "PT0S")))
                .andExpect(jsonPath("$.escalationBusinessDays").value(5))
                .andExpect(jsonPath("$.version").value(1));

        mvc.perform(as(firm.client(), get("/api/calendar"))).andExpect(jsonPath("$.timeZone").value("Europe/London"));
        FirmCalendar calendar = calendars.of(firm.orgId());
        assertThat(calendar.version()).isEqualTo(1);
        assertThat(calendar.isBusinessDay(LocalDate.of(2026, 3, 6))).as("a Friday").isFalse();
        assertThat(published).containsExactly(new CalendarChanged(firm.orgId(), 1,
                "settings: timeZone, workingDays, closeOfBusiness, reminderStages, escalationBusinessDays"));
        assertThat(publishedInTransaction).containsExactly(true);

        List<AuditEvent> events = events();
        assertThat(events).extracting(e -> e.action() + " " + e.fromState() + "→" + e.toState())
                .containsExactly("calendar.update 0→1");
        assertThat(events.get(0).entityType()).isEqualTo("CALENDAR");
        assertThat(events.get(0).actorId()).isEqualTo(firm.admin().id().toString());
        assertThat(events.get(0).metadata()).containsEntry("timeZone", Map.of("from", "UTC", "to", "Europe/London"))
                .containsEntry("reminderStages", Map.of("from", "P7D,P1D,PT0S", "to", "P3D,PT4H,PT0S"));
    }

    @Test
    void shouldRecordNothingForTheSettingsTheCalendarHas() throws Exception {
        String shuffled = LONDON.replace("[\"P3D\", \"PT4H\", \"PT0S\"]", "[\"0\", \"3d\", \"PT4H\"]");
        for (String body : List.of(LONDON, LONDON, shuffled)) {
            mvc.perform(as(firm.admin(), put("/api/calendar")).contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.version").value(1));
        }
        assertThat(events()).hasSize(1);
        assertThat(published).hasSize(1);
    }

    @Test
    void shouldNameEveryFailingFieldAndChangeNothing() throws Exception {
        String bad = """
                {"timeZone": "Mars/Olympus", "workingDays": [], "closeOfBusiness": "25:00",
                 "reminderStages": ["P61D", "P1D", "1d", "soon"], "escalationBusinessDays": 61}""";
        mvc.perform(as(firm.admin(), put("/api/calendar")).contentType(MediaType.APPLICATION_JSON).content(bad))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(Matchers.contains("timeZone", "workingDays",
                        "closeOfBusiness", "reminderStages[0]", "reminderStages[2]", "reminderStages[3]",
                        "escalationBusinessDays")));
        mvc.perform(as(firm.admin(), put("/api/calendar")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"timeZone\": \"UTC\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.length()").value(4));
        String tooMany = LONDON.replace("[\"P3D\", \"PT4H\", \"PT0S\"]", "[\"P5D\", \"P4D\", \"P3D\", \"P2D\","
                + " \"P1D\", \"PT0S\"]");
        for (String body : List.of(tooMany, LONDON.replace("17:30", "5pm"), LONDON.replace("\"MONDAY\"", "\"MON\""),
                LONDON.replace("}", ", \"version\": 3}"), LONDON.replace("\"Europe/London\"", "\"+01:00\""))) {
            mvc.perform(as(firm.admin(), put("/api/calendar")).contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors").isNotEmpty());
        }
        assertThat(calendars.of(firm.orgId()).version()).isZero();
        assertThat(events()).isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void shouldRefuseChangesToEveryoneButAdmins() throws Exception {
        calendars.putHoliday(firm.as(firm.admin()), LocalDate.of(2026, 12, 25), "Christmas Day");
        for (UserAccount user : List.of(firm.owner(), firm.paralegal(), firm.client())) {
            mvc.perform(as(user, put("/api/calendar")).contentType(MediaType.APPLICATION_JSON).content(LONDON))
                    .andExpect(status().isForbidden());
            mvc.perform(as(user, put("/api/calendar/holidays/2026-12-26")).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"name\": \"Boxing Day\"}")).andExpect(status().isForbidden());
            mvc.perform(as(user, delete("/api/calendar/holidays/2026-12-25"))).andExpect(status().isForbidden());
            mvc.perform(as(user, multipart("/api/calendar/holidays/import").file(ics(sample()))))
                    .andExpect(status().isForbidden());
            mvc.perform(as(user, get("/api/calendar/holidays"))).andExpect(status().isOk())
                    .andExpect(jsonPath("$[0].name").value("Christmas Day"));
        }
        mvc.perform(get("/api/calendar")).andExpect(status().isUnauthorized());
        assertThat(calendars.of(firm.orgId()).version()).isEqualTo(1);
        assertThat(calendars.of(firm.orgId()).holidays()).containsOnlyKeys(LocalDate.of(2026, 12, 25));
    }

    @Test
    void shouldAddRenameListAndRemoveHolidays() throws Exception {
        String christmas = "/api/calendar/holidays/2026-12-25";
        mvc.perform(as(firm.admin(), put(christmas)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \" Christmas \"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.date").value("2026-12-25"))
                .andExpect(jsonPath("$.name").value("Christmas"));
        mvc.perform(as(firm.admin(), put(christmas)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"Christmas Day\"}")).andExpect(status().isOk());
        mvc.perform(as(firm.admin(), put(christmas)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"Christmas Day\"}")).andExpect(status().isOk());
        mvc.perform(as(firm.admin(), put("/api/calendar/holidays/2027-01-01")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"New Year's Day\"}")).andExpect(status().isOk());

        mvc.perform(as(firm.paralegal(), get("/api/calendar/holidays?from=2026-12-01&to=2026-12-31")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].name").value("Christmas Day"));
        mvc.perform(as(firm.paralegal(), get("/api/calendar/holidays")))
                .andExpect(jsonPath("$[*].date").value(Matchers.contains("2026-12-25", "2027-01-01")));

        mvc.perform(as(firm.admin(), delete(christmas))).andExpect(status().isNoContent());
        mvc.perform(as(firm.admin(), delete(christmas))).andExpect(status().isNotFound());

        assertThat(calendars.of(firm.orgId()).holidays()).containsOnlyKeys(LocalDate.of(2027, 1, 1));
        assertThat(calendars.of(firm.orgId()).version()).isEqualTo(4);
        assertThat(events()).extracting(AuditEvent::action).containsExactly("calendar.holiday.put",
                "calendar.holiday.put", "calendar.holiday.put", "calendar.holiday.remove");
        assertThat(events().get(1).metadata()).containsEntry("previousName", "Christmas")
                .containsEntry("name", "Christmas Day");
        assertThat(published).extracting(CalendarChanged::version).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void shouldRefuseABadHolidayChangingNothing() throws Exception {
        for (String body : List.of("{\"name\": \"  \"}", "{\"name\": \"" + "x".repeat(201) + "\"}", "{}",
                "{\"name\": \"Tab\\tday\"}")) {
            mvc.perform(as(firm.admin(), put("/api/calendar/holidays/2026-12-25"))
                            .contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("name"));
        }
        mvc.perform(as(firm.admin(), put("/api/calendar/holidays/25-12-2026")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"Christmas Day\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("date"));
        mvc.perform(as(firm.admin(), get("/api/calendar/holidays?from=2027-01-01&to=2026-01-01")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("to"));
        mvc.perform(as(firm.admin(), get("/api/calendar/holidays?from=soon")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("from"));
        assertThat(calendars.of(firm.orgId()).version()).isZero();
        assertThat(events()).isEmpty();
    }

    @Test
    void shouldImportTheAllDayEventsOfAnIcsFileAndSkipTheRest() throws Exception {
        int next = LocalDate.now(ZoneOffset.UTC).getYear() + 1;
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        calendars.putHoliday(firm.as(firm.admin()), LocalDate.of(next, 12, 25), "Christmas");

        mvc.perform(as(firm.admin(), multipart("/api/calendar/holidays/import").file(ics(sample()))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.added[?(@.name == 'Firm anniversary')].date").value(next + "-06-01"))
                .andExpect(jsonPath("$.added[?(@.name == 'Firm retreat')].date")
                        .value(Matchers.contains(next + "-09-10", next + "-09-11")))
                .andExpect(jsonPath("$.renamed[0].date").value(next + "-12-25"))
                .andExpect(jsonPath("$.renamed[0].from").value("Christmas"))
                .andExpect(jsonPath("$.renamed[0].to").value("Christmas Day"))
                .andExpect(jsonPath("$.skipped.length()").value(2))
                .andExpect(jsonPath("$.skipped[0].summary").value("Partners' meeting"))
                .andExpect(jsonPath("$.skipped[0].reason").value(Matchers.startsWith("has a time of day")))
                .andExpect(jsonPath("$.skipped[1].summary").value("Half day"))
                .andExpect(jsonPath("$.skipped[1].reason").value(Matchers.startsWith("could not be read")))
                .andExpect(jsonPath("$.version").value(2));

        // the yearly Christmas from 2020 on, in the window of a year back to five years ahead
        List<LocalDate> christmases = new ArrayList<>();
        for (int year = today.getYear() - 1; year <= today.getYear() + 5; year++) {
            LocalDate day = LocalDate.of(year, 12, 25);
            if (!day.isBefore(today.minusYears(1)) && !day.isAfter(today.plusYears(5))) {
                christmases.add(day);
            }
        }
        FirmCalendar calendar = calendars.of(firm.orgId());
        assertThat(calendar.holidays()).containsKeys(christmases.toArray(LocalDate[]::new))
                .hasSize(christmases.size() + 3);
        assertThat(calendar.holidays().keySet()).noneMatch(day -> day.getYear() == 2020);
        assertThat(calendar.version()).isEqualTo(2);
        List<AuditEvent> events = events();
        assertThat(events).extracting(AuditEvent::action).containsExactly("calendar.holiday.put",
                "calendar.holidays.import");
        assertThat(events.get(1).metadata()).containsEntry("skipped", 2);
        assertThat(published).extracting(CalendarChanged::change).containsExactly("holiday " + next + "-12-25",
                "holidays imported");

        // again: every date is a holiday by that name already, so nothing changes
        mvc.perform(as(firm.admin(), multipart("/api/calendar/holidays/import").file(ics(sample()))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.added").isEmpty())
                .andExpect(jsonPath("$.renamed").isEmpty())
                .andExpect(jsonPath("$.skipped[?(@.reason == 'is a holiday already')]",
                        Matchers.hasSize(christmases.size() + 3)))
                .andExpect(jsonPath("$.version").value(2));
        assertThat(events()).hasSize(2);
    }

    @Test
    void shouldRefuseAFileThatIsNotICalendarOrTooLargeChangingNothing() throws Exception {
        byte[] broken;
        try (InputStream in = getClass().getResourceAsStream("broken.ics")) {
            broken = in.readAllBytes();
        }
        for (byte[] content : List.of(broken, "not a calendar".getBytes(StandardCharsets.UTF_8))) {
            mvc.perform(as(firm.admin(), multipart("/api/calendar/holidays/import").file(ics(content))))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("file"))
                    .andExpect(jsonPath("$.errors[0].message").value(Matchers.startsWith("is not an iCalendar")));
        }
        mvc.perform(as(firm.admin(), multipart("/api/calendar/holidays/import")
                        .file(new MockMultipartFile("other", "x.ics", "text/calendar", sample()))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("file"));
        byte[] large = new byte[BusinessCalendars.MAX_ICS_BYTES + 1];
        mvc.perform(as(firm.admin(), multipart("/api/calendar/holidays/import").file(ics(large))))
                .andExpect(status().isPayloadTooLarge());
        assertThat(calendars.of(firm.orgId()).holidays()).isEmpty();
        assertThat(calendars.of(firm.orgId()).version()).isZero();
        assertThat(events()).isEmpty();
    }

    @Test
    void shouldTakeMultipartOnTheImportRouteOnly() throws Exception {
        mvc.perform(as(firm.admin(), put("/api/calendar/holidays/2026-12-25"))
                        .contentType(MediaType.MULTIPART_FORM_DATA).content("--x--"))
                .andExpect(status().isUnsupportedMediaType());
        mvc.perform(as(firm.admin(), put("/api/calendar")).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content("timeZone=UTC")).andExpect(status().isUnsupportedMediaType());
    }

    private List<AuditEvent> events() {
        return audit.stream(firm.orgId(), BusinessCalendars.calendarId(firm.orgId()));
    }

    /** holidays.ics with NEXT_YEAR replaced, so that its one-off dates fall in the import's window whenever it runs. */
    private static byte[] sample() throws IOException {
        try (InputStream in = CalendarApiTests.class.getResourceAsStream("holidays.ics")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.replace("NEXT_YEAR", String.valueOf(LocalDate.now(ZoneOffset.UTC).getYear() + 1))
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    private static MockMultipartFile ics(byte[] content) {
        return new MockMultipartFile("file", "holidays.ics", "text/calendar", content);
    }

    private static <B extends AbstractMockHttpServletRequestBuilder<B>> B as(UserAccount user, B request) {
        return request.with(httpBasic(user.email(), "pw"));
    }
}
