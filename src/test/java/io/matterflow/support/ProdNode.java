package io.matterflow.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.matterflow.MatterflowApplication;

/**
 * One Matterflow node as production runs it (the {@code prod} profile, on a random port) on a PostgreSQL database
 * that other nodes may share, and the requests a browser sends it: pages and forms with the session cookie and the
 * form's CSRF token.
 */
public final class ProdNode implements AutoCloseable {

    /** The demo and test firms' password. */
    public static final String PASSWORD = "pw";

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private final ConfigurableApplicationContext context;

    private ProdNode(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /**
     * Starts a node on the database (a JDBC URL of {@link PostgresDatabase}) with the audit key every node of the
     * cluster shares, and any further {@code name=value} properties.
     */
    public static ProdNode start(String database, String auditKey, String... properties) {
        List<String> all = new ArrayList<>(List.of("server.port=0",
                "logging.config=classpath:io/matterflow/security/logback-startup.xml",
                "spring.datasource.url=" + database,
                "spring.datasource.username=" + PostgresDatabase.user(),
                "spring.datasource.password=" + PostgresDatabase.password(),
                "matterflow.audit.hmac-key=" + auditKey,
                "matterflow.security.bcrypt-strength=4",
                "matterflow.scheduler.polling-interval=200ms",
                "management.tracing.export.otlp.enabled=false"));
        all.addAll(List.of(properties));
        // as command-line arguments: default properties would lose to application.properties' H2 datasource
        return new ProdNode(new SpringApplicationBuilder(MatterflowApplication.class).main(MatterflowApplication.class)
                .profiles("prod").run(all.stream().map(p -> "--" + p).toArray(String[]::new)));
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** The first column of the first row of a query on the node's database, as text. */
    public String query(String sql, Object... args) {
        return bean(JdbcTemplate.class).queryForObject(sql, String.class, args);
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** Signs in by the login form, which must succeed: the session cookie ({@code SESSION=...}). */
    public String signIn(String email) throws Exception {
        HttpResponse<String> signedIn = submitLogin(email, PASSWORD);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).as(email).endsWith("/inbox");
        return cookie(signedIn);
    }

    /** Submits the login form with the email and password: the answer, a redirect or (refused outright) a 429. */
    public HttpResponse<String> submitLogin(String email, String password) throws Exception {
        return submitForm("/login", "/login", "username", email, "password", password);
    }

    /**
     * Opens the page at {@code pagePath} without a session, then posts the form at {@code action} with its CSRF
     * token and the given name and value pairs, as a browser that has just arrived does.
     */
    public HttpResponse<String> submitForm(String pagePath, String action, String... pairs) throws Exception {
        HttpResponse<String> page = get(pagePath, null);
        String cookie = cookie(page);
        String[] withToken = new String[pairs.length + 2];
        withToken[0] = "_csrf";
        withToken[1] = csrf(page);
        System.arraycopy(pairs, 0, withToken, 2, pairs.length);
        return post(action, cookie, withToken);
    }

    public HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a form: name and value pairs, URL-encoded. */
    public HttpResponse<String> post(String path, String cookie, String... pairs) throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            body.append(i == 0 ? "" : "&").append(pairs[i]).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The session cookie an answer sets, as a {@code Cookie} header's value. */
    public static String cookie(HttpResponse<?> response) {
        String header = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION="))
                .findFirst().orElseThrow();
        return header.substring(0, header.indexOf(';'));
    }

    /** The CSRF token of the form on a page. */
    public static String csrf(HttpResponse<String> page) {
        Matcher csrf = CSRF.matcher(page.body());
        assertThat(csrf.find()).as(page.body()).isTrue();
        return csrf.group(1);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    @Override
    public void close() {
        context.close();
    }
}
