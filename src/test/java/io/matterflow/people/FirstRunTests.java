package io.matterflow.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.CookieManager;
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
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import io.matterflow.MatterflowApplication;
import io.matterflow.support.EnabledIfPostgres;
import io.matterflow.support.PostgresDatabase;
import jakarta.mail.internet.MimeMessage;

/**
 * The first run of a production install: the whole application under the {@code prod} profile on a fresh
 * PostgreSQL database with {@code matterflow.bootstrap.*} set creates the firm and its admin once, without a
 * password; the one-time link is written once to the log (or, with an SMTP server, emailed); the admin follows it,
 * chooses a password and signs in. A second start on the same database creates nothing; a start without the settings
 * says how to create the first admin. Under this profile HTTPS responses carry HSTS.
 */
@EnabledIfPostgres
@ExtendWith(OutputCaptureExtension.class)
@Timeout(300)
class FirstRunTests {

    static final Pattern LINK = Pattern.compile("https?://[^ ]+/password/set\\?token=([A-Za-z0-9_-]{43})");
    static final String PASSWORD = "Quiet-Harbour-Lantern-88";
    static final int SMTP_PORT = freePort();

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(
            new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)).withPerMethodLifecycle(false);

    @Test
    void shouldCreateTheFirstAdminOnceAndLogTheirLinkOnce(CapturedOutput output) throws Exception {
        String database = PostgresDatabase.fresh();
        String admin = "founder-" + UUID.randomUUID().toString().substring(0, 8) + "@firm.test";
        String link;
        try (ConfigurableApplicationContext app = start(database, "Founders LLP", admin)) {
            int port = port(app);
            List<String> lines = output.getAll().lines().filter(l -> l.contains("FIRST RUN")).toList();
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0)).contains("WARN", "Founders LLP", admin);
            Matcher matcher = LINK.matcher(lines.get(0));
            assertThat(matcher.find()).isTrue();
            link = matcher.group(1);
            assertThat(query(database, "select count(*) from users")).isEqualTo("1");
            assertThat(query(database, "select role || ' ' || coalesce(password_hash, 'none') from users"))
                    .isEqualTo("ADMIN none");
            assertThat(query(database, "select count(*) from user_tokens where token_hash like '%" + link + "%'"))
                    .isEqualTo("0");

            // nobody signs in before the password is chosen
            assertThat(get(port, "/api/me", admin, "").statusCode()).isEqualTo(401);

            // the admin follows the link, chooses a password, and signs in
            HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/password/set?token=" + link)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Welcome, choose your password", admin);
            Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
            assertThat(csrf.find()).isTrue();
            HttpResponse<String> set = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/password/set")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form("_csrf", csrf.group(1), "token", link,
                            "password", PASSWORD, "confirmPassword", PASSWORD))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(set.statusCode()).as(set.body()).isEqualTo(302);
            assertThat(set.headers().firstValue("Location").orElseThrow()).endsWith("/login?passwordSet");

            HttpResponse<String> me = get(port, "/api/me", admin, PASSWORD);
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(me.body()).contains("\"role\":\"ADMIN\"", "\"organization\":\"Founders LLP\"");
        }

        // started again with the same settings: users exist, nothing is created or logged
        int before = output.getAll().length();
        try (ConfigurableApplicationContext app = start(database, "Founders LLP", admin)) {
            assertThat(output.getAll().substring(before)).doesNotContain("FIRST RUN").doesNotContain("token=");
            assertThat(query(database, "select count(*) from users")).isEqualTo("1");
            assertThat(query(database, "select count(*) from organizations")).isEqualTo("1");
            assertThat(get(port(app), "/api/me", admin, PASSWORD).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldEmailTheFirstAdminTheirLinkWhenAMailServerIsSet(CapturedOutput output) throws Exception {
        String database = PostgresDatabase.fresh();
        String admin = "mailed-" + UUID.randomUUID().toString().substring(0, 8) + "@firm.test";
        try (ConfigurableApplicationContext app = start(database, "Mailed LLP", admin,
                "spring.mail.host=127.0.0.1", "spring.mail.port=" + SMTP_PORT,
                "matterflow.notifications.poll-interval=200ms")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> messagesTo(admin).length == 1);
            MimeMessage message = messagesTo(admin)[0];
            String body = GreenMailUtil.getBody(message).replace("=\r\n", "").replace("=3D", "=");
            Matcher matcher = LINK.matcher(body);
            assertThat(matcher.find()).as(body).isTrue();
            assertThat(message.getSubject()).contains("Mailed LLP");
            assertThat(output.getAll()).doesNotContain(matcher.group(1)).doesNotContain("FIRST RUN");
            // once sent, the outbox no longer holds the link
            await().atMost(Duration.ofSeconds(10)).until(() -> query(database,
                    "select count(*) from email_outbox where status = 'SENT' and body not like '%token=%'")
                    .equals("1"));
        }
    }

    @Test
    void shouldSayHowToCreateTheFirstAdminWhenNobodyExists(CapturedOutput output) throws Exception {
        String database = PostgresDatabase.fresh();
        // behind a proxy that ends TLS (X-Forwarded-Proto from 127.0.0.1, a trusted proxy for Tomcat)
        try (ConfigurableApplicationContext app = start(database, null, null,
                "server.forward-headers-strategy=native")) {
            assertThat(output.getAll()).contains("No user exists", "MATTERFLOW_BOOTSTRAP_ADMIN_EMAIL");
            assertThat(query(database, "select count(*) from users")).isEqualTo("0");

            // the prod profile sends HSTS on HTTPS requests (and never on plain HTTP), besides the other headers
            HttpRequest.Builder login = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(app) + "/login"));
            HttpResponse<String> plain = HttpClient.newHttpClient().send(login.build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();
            assertThat(plain.headers().firstValue("Content-Security-Policy")).get().asString()
                    .contains("script-src 'self';", "frame-ancestors 'none'");
            HttpResponse<String> secure = HttpClient.newHttpClient().send(login.header("X-Forwarded-Proto", "https")
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(secure.statusCode()).isEqualTo(200);
            assertThat(secure.headers().firstValue("Strict-Transport-Security")).get().asString()
                    .contains("max-age=31536000", "includeSubDomains");
        }
    }

    private static ConfigurableApplicationContext start(String database, String organization, String admin,
                                                        String... more) {
        List<String> properties = new java.util.ArrayList<>(List.of("server.port=0",
                "logging.config=classpath:io/matterflow/security/logback-startup.xml",
                "spring.datasource.url=" + database,
                "spring.datasource.username=" + PostgresDatabase.user(),
                "spring.datasource.password=" + PostgresDatabase.password(),
                "matterflow.audit.hmac-key=first-run-test-key-" + UUID.randomUUID(),
                "matterflow.security.bcrypt-strength=4",
                "management.tracing.export.otlp.enabled=false"));
        if (organization != null) {
            properties.add("matterflow.bootstrap.organization=" + organization);
            properties.add("matterflow.bootstrap.admin-email=" + admin);
        }
        properties.addAll(List.of(more));
        // as command-line arguments: default properties would lose to application.properties' H2 datasource
        return new SpringApplicationBuilder(MatterflowApplication.class).main(MatterflowApplication.class)
                .profiles("prod").run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    private static HttpResponse<String> get(int port, String path, String email, String password) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (email + ":" + password).getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String form(String... pairs) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            body.append(i == 0 ? "" : "&").append(pairs[i]).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return body.toString();
    }

    private static MimeMessage[] messagesTo(String email) {
        return java.util.Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(email);
            } catch (Exception e) {
                return false;
            }
        }).toArray(MimeMessage[]::new);
    }

    private static String query(String database, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(database, PostgresDatabase.user(), PostgresDatabase.password());
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static int freePort() {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
