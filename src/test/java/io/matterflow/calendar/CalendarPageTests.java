package io.matterflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

import io.matterflow.directory.Directory;
import io.matterflow.directory.UserAccount;
import io.matterflow.support.H2Test;
import io.matterflow.support.TestFirm;

/**
 * The Calendar settings page: admins only, linked from their navigation; its forms post through htmx (the content
 * comes back with a flash message) or plainly (a redirect), and a refusal names the fields and changes nothing.
 */
@H2Test
@AutoConfigureMockMvc
class CalendarPageTests {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    @Autowired
    MockMvc mvc;
    @Autowired
    Directory directory;
    @Autowired
    UserDetailsService users;
    @Autowired
    BusinessCalendars calendars;

    TestFirm firm;

    @BeforeEach
    void firm() {
        firm = TestFirm.create(directory);
    }

    @Test
    void shouldShowTheSettingsToAdminsOnly() throws Exception {
        calendars.putHoliday(firm.as(firm.admin()), LocalDate.now(ZoneOffset.UTC).plusDays(10), "Firm day");

        MockHttpServletResponse page = mvc.perform(as(get("/settings/calendar"), firm.admin())).andReturn()
                .getResponse();

        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString()).contains("<label for=\"time-zone\">Time zone</label>")
                .contains("value=\"UTC\"").contains("value=\"7d, 1d, 0\"").contains("name=\"workingDays\"")
                .contains("Firm day").contains("aria-label=\"Remove the holiday Firm day on")
                .contains("href=\"/settings/calendar\"").contains("aria-current=\"page\"")
                .contains("name=\"_csrf\"").doesNotContain("style=");
        for (UserAccount who : new UserAccount[] {firm.owner(), firm.paralegal(), firm.client()}) {
            assertThat(mvc.perform(as(get("/settings/calendar"), who)).andReturn().getResponse().getStatus())
                    .isEqualTo(403);
            assertThat(mvc.perform(as(get("/inbox"), who)).andReturn().getResponse().getContentAsString())
                    .doesNotContain("/settings/calendar");
        }
    }

    @Test
    void shouldSaveTheSettingsThroughHtmxAndRedirectWithout() throws Exception {
        MockHttpServletResponse response = mvc.perform(htmx(post("/settings/calendar"), firm.admin())
                .param("timeZone", "Europe/London").param("workingDays", "MONDAY", "TUESDAY", "WEDNESDAY")
                .param("closeOfBusiness", "18:00").param("reminderStages", "3d, 4h, 0")
                .param("escalationBusinessDays", "4")).andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeader("HX-Trigger")).contains("Calendar settings saved");
        assertThat(response.getContentAsString()).contains("id=\"calendar-content\"").contains("Version 1")
                .contains("value=\"3d, 4h, 0\"");
        FirmCalendar calendar = calendars.of(firm.orgId());
        assertThat(calendar.zone().getId()).isEqualTo("Europe/London");
        assertThat(calendar.workingDays()).hasSize(3);
        assertThat(calendar.escalationBusinessDays()).isEqualTo(4);

        response = mvc.perform(as(post("/settings/calendar"), firm.admin()).with(csrf())
                .param("timeZone", "UTC").param("workingDays", "MONDAY").param("closeOfBusiness", "18:00")
                .param("reminderStages", "").param("escalationBusinessDays", "4")).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(302);
        assertThat(response.getRedirectedUrl()).isEqualTo("/settings/calendar");
        assertThat(calendars.of(firm.orgId()).reminderStages()).isEmpty();
    }

    @Test
    void shouldNameTheFailingFieldsInTheFlashRegionChangingNothing() throws Exception {
        MockHttpServletResponse response = mvc.perform(htmx(post("/settings/calendar"), firm.admin())
                .param("timeZone", "Nowhere").param("closeOfBusiness", "18:00").param("reminderStages", "7x")
                .param("escalationBusinessDays", "many")).andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getHeader("HX-Retarget")).isEqualTo("#flash");
        assertThat(response.getContentAsString()).contains("timeZone").contains("workingDays")
                .contains("reminderStages[0]").contains("escalationBusinessDays");
        assertThat(calendars.of(firm.orgId()).version()).isZero();

        response = mvc.perform(htmx(post("/settings/calendar/holidays"), firm.admin()).param("date", "tomorrow")
                .param("name", "Day off")).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains("date");
        assertThat(calendars.of(firm.orgId()).holidays()).isEmpty();
    }

    @Test
    void shouldAddRemoveAndImportHolidays() throws Exception {
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(30);
        MockHttpServletResponse response = mvc.perform(htmx(post("/settings/calendar/holidays"), firm.admin())
                .param("date", day.toString()).param("name", "Founders' day")).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).contains("Founders&#39; day");
        assertThat(calendars.of(firm.orgId()).holidays()).containsEntry(day, "Founders' day");

        response = mvc.perform(htmx(post("/settings/calendar/holidays/" + day + "/remove"), firm.admin()))
                .andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeader("HX-Trigger")).contains(day + " is no longer a holiday");
        assertThat(calendars.of(firm.orgId()).holidays()).isEmpty();

        String ics = String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Matterflow//Tests//EN",
                "BEGIN:VEVENT", "UID:a@test", "DTSTAMP:20260101T000000Z", "DTSTART;VALUE=DATE:"
                        + day.toString().replace("-", ""), "SUMMARY:Imported day", "END:VEVENT",
                "BEGIN:VEVENT", "UID:b@test", "DTSTAMP:20260101T000000Z", "DTSTART;VALUE=DATE:"
                        + day.plusDays(1).toString().replace("-", ""), "RRULE:FREQ=WEEKLY", "SUMMARY:Weekly",
                "END:VEVENT", "END:VCALENDAR", "");
        response = mvc.perform(htmx(multipart("/settings/calendar/import").file(new MockMultipartFile("file",
                "h.ics", "text/calendar", ics.getBytes(StandardCharsets.UTF_8))), firm.admin())).andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeader("HX-Trigger")).contains("Imported: 1 added, 0 renamed, 1 skipped");
        assertThat(response.getContentAsString()).contains("id=\"import-result\"")
                .contains(DAY.format(day) + ": Imported day")
                .contains("Weekly (" + DAY.format(day.plusDays(1)) + "): repeats other than yearly");
        assertThat(calendars.of(firm.orgId()).holidays()).containsEntry(day, "Imported day");

        assertThat(mvc.perform(htmx(multipart("/settings/calendar/import").file(new MockMultipartFile("file",
                "h.ics", "text/calendar", ics.getBytes(StandardCharsets.UTF_8))), firm.owner())).andReturn()
                .getResponse().getStatus()).isEqualTo(403);
    }

    private AbstractMockHttpServletRequestBuilder<?> as(AbstractMockHttpServletRequestBuilder<?> request,
                                                        UserAccount who) {
        return request.with(user(users.loadUserByUsername(who.email())));
    }

    private <B extends AbstractMockHttpServletRequestBuilder<B>> B htmx(B request, UserAccount who) {
        return request.with(user(users.loadUserByUsername(who.email()))).with(csrf()).header("HX-Request", "true");
    }
}
