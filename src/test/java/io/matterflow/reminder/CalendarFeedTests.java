package io.matterflow.reminder;

import static io.matterflow.reminder.ReminderScenario.DUE;
import static io.matterflow.reminder.ReminderScenario.FRIDAY;
import static io.matterflow.reminder.ReminderScenario.TEN_DAYS;
import static io.matterflow.reminder.ReminderScenario.approval;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.convention.TestBean;

import io.matterflow.common.Json;
import io.matterflow.directory.Directory;
import io.matterflow.directory.UserAccount;
import io.matterflow.instance.Instances;
import io.matterflow.instance.StepRuntime;
import io.matterflow.support.MutableClock;
import io.matterflow.support.PrometheusScrape;
import io.matterflow.support.TestFirm;
import io.matterflow.support.Workflows;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

/**
 * The calendar feed over HTTP, as a calendar fetches it, read back with ical4j; its API; and the overdue gauge as
 * Prometheus scrapes it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(Workflows.class)
class CalendarFeedTests {

    static final MutableClock CLOCK = new MutableClock();
    static final String FEED = "/api/me/calendar-feed";

    @TestBean
    Clock clock;

    static Clock clock() {
        return CLOCK;
    }

    @LocalServerPort
    int port;
    @Autowired
    Directory directory;
    @Autowired
    Workflows workflows;
    @Autowired
    Instances instances;
    @Autowired
    StepRuntime runtime;
    @Autowired
    OverdueStepsMetric overdue;

    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void backToNow() {
        CLOCK.shift(Duration.ZERO);
    }

    static void at(Instant instant) {
        CLOCK.shift(Duration.between(Instant.now(), instant));
    }

    @Test
    void shouldServeEachDatedStepAsAnEventThatKeepsItsUidWhenItsDateMoves() throws Exception {
        at(FRIDAY);
        var firm = TestFirm.create(directory);
        var steps = workflows.instance(firm, approval("Conflict check", TEN_DAYS),
                approval("Undated", null)).steps();
        UUID step = steps.get(0).id();
        String url = create(firm.associate());
        String path = URI.create(url).getPath();
        assertThat(path).matches("/calendar/[A-Za-z0-9_-]{43}\\.ics");

        HttpResponse<String> response = fetch(path);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(MediaType.parseMediaType(response.headers().firstValue("Content-Type").orElseThrow())
                .isCompatibleWith(MediaType.parseMediaType("text/calendar;charset=utf-8"))).isTrue();
        assertThat(response.headers().firstValue("Content-Type").orElseThrow().toLowerCase()).contains("charset=utf-8");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("private, max-age=300");
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();

        Calendar calendar = parse(response.body());
        assertThat(calendar.validate().getEntries()).as(response.body()).isEmpty();
        assertThat(calendar.<Property>getProperty("VERSION").orElseThrow().getValue()).isEqualTo("2.0");
        assertThat(calendar.<Property>getProperty("PRODID").orElseThrow().getValue()).contains("Matterflow");
        assertThat(calendar.<Property>getProperty("CALSCALE").orElseThrow().getValue()).isEqualTo("GREGORIAN");
        List<VEvent> events = calendar.getComponents("VEVENT");
        assertThat(events).hasSize(1);
        VEvent event = events.get(0);
        assertThat(value(event, "UID")).isEqualTo("step-" + step + "@matterflow");
        assertThat(value(event, "DTSTART")).isEqualTo("20260316T170000Z");
        assertThat(value(event, "SUMMARY")).isEqualTo("Due: Conflict check \u00b7 " + firm.matter().reference());
        assertThat(value(event, "DESCRIPTION")).contains("10 calendar days after the workflow started")
                .contains("http://localhost:8080/matters/" + firm.matter().id());
        assertThat(value(event, "URL")).endsWith("#step-" + step);
        int sequence = Integer.parseInt(value(event, "SEQUENCE"));

        // moved by hand, also to an earlier date: the same event, a higher SEQUENCE
        at(FRIDAY.plus(Duration.ofHours(1)));
        instances.setDue(firm.as(firm.owner()), step, Instant.parse("2026-03-12T12:00:00Z"), "Client is travelling");
        VEvent moved = parse(fetch(path).body()).<VEvent>getComponents("VEVENT").get(0);
        assertThat(value(moved, "UID")).isEqualTo("step-" + step + "@matterflow");
        assertThat(value(moved, "DTSTART")).isEqualTo("20260312T120000Z");
        assertThat(Integer.parseInt(value(moved, "SEQUENCE"))).isGreaterThan(sequence);
        assertThat(value(moved, "LAST-MODIFIED")).isEqualTo("20260306T110000Z");

        // a completed step leaves the feed
        var owner = firm.as(firm.owner());
        runtime.start(owner, step);
        runtime.complete(owner, step, Map.of("approved", true));
        assertThat(parse(fetch(path).body()).<VEvent>getComponents("VEVENT")).isEmpty();
    }

    @Test
    void shouldShowTheAddressOnceAndEndTheOldOneWhenANewOneIsMadeOrItIsRevoked() throws Exception {
        var firm = TestFirm.create(directory);
        UserAccount user = firm.paralegal();
        assertThat(api("GET", user).body()).isEqualTo("{\"exists\":false,\"createdAt\":null}");
        assertThat(api("DELETE", user).statusCode()).isEqualTo(204);

        HttpResponse<String> created = api("POST", user);
        assertThat(created.statusCode()).isEqualTo(201);
        Map<String, Object> body = Json.MAPPER.readValue(created.body(), Map.class);
        String first = URI.create((String) body.get("url")).getPath();
        assertThat(fetch(first).statusCode()).isEqualTo(200);
        Map<String, Object> status = Json.MAPPER.readValue(api("GET", user).body(), Map.class);
        assertThat(status).containsEntry("exists", true).containsEntry("createdAt", body.get("createdAt"));
        assertThat(api("GET", user).body()).doesNotContain(first.substring("/calendar/".length(), 40));

        String second = URI.create((String) Json.MAPPER.readValue(api("POST", user).body(), Map.class).get("url"))
                .getPath();
        assertThat(second).isNotEqualTo(first);
        assertThat(fetch(first).statusCode()).isEqualTo(404);
        assertThat(fetch(second).statusCode()).isEqualTo(200);

        assertThat(api("DELETE", user).statusCode()).isEqualTo(204);
        assertThat(fetch(second).statusCode()).isEqualTo(404);
        assertThat(api("GET", user).body()).contains("\"exists\":false");
        assertThat(fetch("/calendar/not-a-token.ics").statusCode()).isEqualTo(404);
        assertThat(fetch("/calendar/" + "A".repeat(43) + ".ics").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldRefuseTheApiToNobodySignedIn() throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + FEED))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void shouldCountOpenOverdueStepsByActionType() throws Exception {
        at(FRIDAY);
        var firm = TestFirm.create(directory);
        UUID step = workflows.instance(firm, approval("Conflict check", TEN_DAYS)).steps().get(0).id();
        at(DUE.plus(Duration.ofHours(1)));
        overdue.refresh();
        double before = overdueApprovals();
        assertThat(before).isGreaterThanOrEqualTo(1);

        var owner = firm.as(firm.owner());
        runtime.start(owner, step);
        runtime.complete(owner, step, Map.of("approved", true));
        assertThat(overdueApprovals()).isEqualTo(before); // not counted again until the next refresh
        overdue.refresh();
        assertThat(overdueApprovals()).isEqualTo(before - 1);
    }

    private double overdueApprovals() throws Exception {
        String text = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        return PrometheusScrape.parse(text).value("workflow_steps_overdue", "actionType", "APPROVAL_LAWYER");
    }

    private String create(UserAccount user) throws Exception {
        HttpResponse<String> response = api("POST", user);
        assertThat(response.statusCode()).isEqualTo(201);
        return (String) Json.MAPPER.readValue(response.body(), Map.class).get("url");
    }

    private HttpResponse<String> api(String method, UserAccount user) throws Exception {
        String basic = Base64.getEncoder().encodeToString((user.email() + ":pw").getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + FEED))
                .header("Authorization", "Basic " + basic)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> fetch(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Calendar parse(String text) throws Exception {
        return new CalendarBuilder().build(new StringReader(text));
    }

    private static String value(VEvent event, String name) {
        return event.<Property>getProperty(name).orElseThrow().getValue();
    }
}
