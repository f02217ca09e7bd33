package io.matterflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import io.matterflow.directory.Directory;
import io.matterflow.support.TestFirm;

/**
 * The session cookie carries {@code SameSite=Lax} (penetration test, issue 16, finding 7): a browser leaves it off
 * cross-site subrequests and POSTs, a second line of defence behind the CSRF token. Checked on the real server's
 * Set-Cookie headers (MockMvc has no session cookie), for the session the login page opens and for the one a
 * sign-in changes it to. Same configuration as the browser tests, so a full run shares their context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SessionCookieTests {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    @LocalServerPort
    int port;
    @Autowired
    Directory directory;

    @Test
    void shouldSendTheSessionCookieWithSameSiteLax() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> page = http.send(HttpRequest.newBuilder(uri("/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        String opened = sessionCookie(page);
        Matcher csrf = CSRF.matcher(page.body());
        assertThat(csrf.find()).as("the login form's CSRF token").isTrue();

        String form = "username=" + encode(firm.owner().email()) + "&password=pw&_csrf=" + encode(csrf.group(1));
        HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", opened.substring(0, opened.indexOf(';')))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(signIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/inbox"));
        String signedIn = sessionCookie(signIn);

        assertThat(signedIn).as("a new session id after signing in").isNotEqualTo(opened);
        for (String cookie : List.of(opened, signedIn)) {
            assertThat(cookie).containsIgnoringCase("; SameSite=Lax").containsIgnoringCase("; HttpOnly");
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String sessionCookie(HttpResponse<?> response) {
        List<String> cookies = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("SESSION=")).toList();
        assertThat(cookies).as("Set-Cookie: SESSION in " + response.headers().map()).hasSize(1);
        return cookies.get(0);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
