package io.matterflow.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.matterflow.MatterflowApplication;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Directory;
import io.matterflow.people.People;
import io.matterflow.support.EnabledIfPostgres;
import io.matterflow.support.PostgresDatabase;
import io.matterflow.support.TestFirm;

/**
 * UI sessions on several nodes: two applications on one fresh PostgreSQL database, as in production (the prod
 * profile). A session signed in on one node is signed in on the other and after the first restarts; ending a
 * person's sessions on one node (deactivation, "sign out everywhere") ends them on the other; the scheduler's task
 * deletes expired sessions.
 */
@EnabledIfPostgres
class SessionsAcrossNodesTests {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private final String key = "sessions-test-key-" + UUID.randomUUID();

    @Test
    void shouldKeepASessionOnEveryNodeAndAcrossARestartAndEndItEverywhere() throws Exception {
        String database = PostgresDatabase.fresh();
        ConfigurableApplicationContext a = start(database);
        try (ConfigurableApplicationContext b = start(database)) {
            TestFirm firm = TestFirm.create(a.getBean(Directory.class));
            String owner = signIn(port(a), firm.owner().email());
            assertThat(status(port(a), "/inbox", owner)).isEqualTo(200);
            assertThat(status(port(b), "/inbox", owner)).as("signed in on the other node").isEqualTo(200);

            a.close();
            a = start(database);
            assertThat(status(port(a), "/inbox", owner)).as("signed in after a restart").isEqualTo(200);

            // deactivated on node A: the session ends on node B
            String associate = signIn(port(b), firm.associate().email());
            assertThat(status(port(b), "/inbox", associate)).isEqualTo(200);
            a.getBean(People.class).update(Actor.user(firm.admin()), firm.associate().id(), null, false);
            HttpResponse<String> ended = get(port(b), "/inbox", associate);
            assertThat(ended.statusCode()).isEqualTo(302);
            assertThat(ended.headers().firstValue("Location").orElseThrow()).endsWith("/login?ended");

            // sign out everywhere, asked on node B: the owner's sessions end on both nodes, that one too
            String other = signIn(port(a), firm.owner().email());
            HttpResponse<String> account = get(port(b), "/account", owner);
            Matcher csrf = CSRF.matcher(account.body());
            assertThat(csrf.find()).as(account.body()).isTrue();
            HttpResponse<String> out = post(port(b), "/account/sessions/end", owner, "_csrf", csrf.group(1));
            assertThat(out.statusCode()).isEqualTo(302);
            assertThat(out.headers().firstValue("Location").orElseThrow()).endsWith("/login?ended");
            assertThat(get(port(a), "/inbox", other).headers().firstValue("Location").orElseThrow())
                    .endsWith("/login?ended");
            assertThat(get(port(b), "/inbox", owner).headers().firstValue("Location").orElseThrow())
                    .contains("/login");
            assertThat(query(database, "select count(*) from audit_events where action = 'user.sign-out-everywhere'"))
                    .isEqualTo("1");

            // an expired session is deleted by the scheduler's task, run by one of the nodes
            String paralegal = signIn(port(a), firm.paralegal().email());
            assertThat(status(port(b), "/inbox", paralegal)).isEqualTo(200);
            assertThat(query(database, "select count(*) from scheduled_tasks where task_name = '"
                    + SessionsConfiguration.PRUNE_TASK + "'")).isEqualTo("1");
            execute(database, "update spring_session set expiry_time = 0 where principal_name = '"
                    + firm.paralegal().id() + "'");
            await().atMost(Duration.ofSeconds(30)).until(() -> query(database,
                    "select count(*) from spring_session where principal_name = '" + firm.paralegal().id() + "'")
                    .equals("0"));
            assertThat(status(port(b), "/inbox", paralegal)).isEqualTo(302);
        } finally {
            a.close();
        }
    }

    /** Signs in by form on the node: the session cookie ({@code SESSION=...}). */
    private static String signIn(int port, String email) throws Exception {
        HttpResponse<String> page = get(port, "/login", null);
        String cookie = cookie(page);
        Matcher csrf = CSRF.matcher(page.body());
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> signedIn = post(port, "/login", cookie, "_csrf", csrf.group(1), "username", email,
                "password", "pw");
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/inbox");
        return cookie(signedIn);
    }

    private static String cookie(HttpResponse<?> response) {
        String header = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION="))
                .findFirst().orElseThrow();
        return header.substring(0, header.indexOf(';'));
    }

    private static int status(int port, String path, String cookie) throws Exception {
        return get(port, path, cookie).statusCode();
    }

    private static HttpResponse<String> get(int port, String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(int port, String path, String cookie, String... pairs) throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            body.append(i == 0 ? "" : "&").append(pairs[i]).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private ConfigurableApplicationContext start(String database) {
        List<String> properties = List.of("server.port=0",
                "logging.config=classpath:io/matterflow/security/logback-startup.xml",
                "spring.datasource.url=" + database,
                "spring.datasource.username=" + PostgresDatabase.user(),
                "spring.datasource.password=" + PostgresDatabase.password(),
                "matterflow.audit.hmac-key=" + key,
                "matterflow.security.bcrypt-strength=4",
                "matterflow.scheduler.polling-interval=200ms",
                "matterflow.sessions.prune-interval=1s",
                "management.tracing.export.otlp.enabled=false");
        // as command-line arguments: default properties would lose to application.properties' H2 datasource
        return new SpringApplicationBuilder(MatterflowApplication.class).main(MatterflowApplication.class)
                .profiles("prod").run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    private static String query(String database, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(database, PostgresDatabase.user(), PostgresDatabase.password());
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void execute(String database, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(database, PostgresDatabase.user(), PostgresDatabase.password())) {
            c.createStatement().executeUpdate(sql);
        }
    }
}
