package io.matterflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import io.matterflow.access.LoginThrottle;
import io.matterflow.directory.Directory;
import io.matterflow.support.H2Test;
import io.matterflow.support.TestFirm;

/**
 * Repeated failed sign-ins: after 5 failures for one email (the default {@code matterflow.security.login.*}) its
 * sign-ins are refused, with the right password too, for the lockout period — through the login form and HTTP Basic
 * alike; an email nobody has is treated the same, so the answers do not tell whether it exists; a success clears the
 * count.
 */
@H2Test
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class LoginThrottleTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    Directory directory;
    @Autowired
    LoginThrottle throttle;

    @AfterEach
    void realClock() {
        throttle.useClock(Clock.systemUTC());
    }

    @Test
    void shouldLockTheFormLoginAfterFiveFailuresAndLogAWarning(CapturedOutput output) throws Exception {
        TestFirm firm = TestFirm.create(directory);
        String email = firm.owner().email();
        for (int i = 0; i < 5; i++) {
            assertThat(form(email, "wrong")).isEqualTo("/login?error");
        }
        assertThat(form(email, "pw")).as("the right password is refused too while locked").isEqualTo("/login?locked");
        assertThat(basic(email, "pw").getStatus()).as("and over HTTP Basic").isEqualTo(429);
        assertThat(output.getOut()).contains("Sign-in for " + email.toLowerCase() + " refused until");
        assertThat(output.getOut()).doesNotContain("wrong");

        mvc.perform(get("/login").param("locked", "")).andExpect(r ->
                assertThat(r.getResponse().getContentAsString()).contains("Too many failed sign-ins"));
    }

    @Test
    void shouldAnswerAnUnknownEmailExactlyLikeAKnownOne() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        String known = firm.owner().email();
        String unknown = "nobody-" + known;
        for (int i = 0; i < 5; i++) {
            assertThat(form(unknown, "wrong")).isEqualTo(form(known, "wrong")).isEqualTo("/login?error");
        }
        assertThat(form(unknown, "wrong")).isEqualTo(form(known, "wrong")).isEqualTo("/login?locked");
        MockHttpServletResponse a = basic(unknown, "pw");
        MockHttpServletResponse b = basic(known, "pw");
        assertThat(a.getStatus()).isEqualTo(b.getStatus()).isEqualTo(429);
        assertThat(a.getContentAsString()).isEqualTo(b.getContentAsString());
    }

    @Test
    void shouldLockHttpBasicAndUnlockAfterTheLockoutPeriod() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        String email = firm.associate().email();
        for (int i = 0; i < 5; i++) {
            assertThat(basic(email, "wrong").getStatus()).isEqualTo(401);
        }
        MockHttpServletResponse locked = basic(email, "pw");
        assertThat(locked.getStatus()).isEqualTo(429);
        assertThat(Long.parseLong(locked.getHeader("Retry-After"))).isBetween(1L, 15 * 60L);
        assertThat(basic(firm.owner().email(), "pw").getStatus()).as("other emails are not affected").isEqualTo(200);

        throttle.useClock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(16)));
        assertThat(basic(email, "pw").getStatus()).as("after the lockout").isEqualTo(200);
    }

    @Test
    void shouldClearTheCountOnSuccess() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        String email = firm.paralegal().email();
        for (int i = 0; i < 4; i++) {
            assertThat(basic(email, "wrong").getStatus()).isEqualTo(401);
        }
        assertThat(form(email, "pw")).isEqualTo("/inbox");
        for (int i = 0; i < 4; i++) {
            assertThat(basic(email, "wrong").getStatus()).isEqualTo(401);
        }
        assertThat(basic(email, "pw").getStatus()).isEqualTo(200);
    }

    @Test
    void shouldStartANewWindowAfterTheWindowPasses() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        String email = firm.client().email();
        for (int i = 0; i < 4; i++) {
            assertThat(basic(email, "wrong").getStatus()).isEqualTo(401);
        }
        throttle.useClock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(16)));
        assertThat(basic(email, "wrong").getStatus()).as("a failure in a new window counts from one").isEqualTo(401);
        assertThat(basic(email, "pw").getStatus()).isEqualTo(200);
    }

    /**
     * Penetration test, issue 16, finding 7: the lockout's warning names the email as typed (canonical), so a line
     * break in it used to start a forged log line. Every line break and control character is escaped now.
     */
    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "\r", "\u2028", "\u0085", "\u001b[2K\r"})
    void shouldWriteAUsernameWithALineBreakOnOneLogLine(String lineBreak, CapturedOutput output) throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String username = "victim-" + tag + "@firm.test" + lineBreak
                // no colon: HTTP Basic would end the username there
                + "2026-11-30T00.00.00.000Z  WARN 1 --- [matterflow] forged-" + tag + " admin@demo.law signed in";
        for (int i = 0; i < 5; i++) {
            assertThat(form(username, "wrong")).isEqualTo("/login?error");
        }
        for (int i = 0; i < 5; i++) {
            assertThat(basic(username + "-basic", "wrong").getStatus()).isEqualTo(401);
        }
        List<String> lines = Arrays.stream(output.getOut().split("\\R")).filter(l -> l.contains("forged-" + tag))
                .toList();
        assertThat(lines).hasSize(2).allSatisfy(line -> assertThat(line)
                .contains("Sign-in for victim-" + tag + "@firm.test\\")
                .containsPattern("refused until .* after 5 failed attempts")
                .doesNotContain("\u001b"));
    }

    private String form(String email, String password) throws Exception {
        return mvc.perform(post("/login").param("username", email).param("password", password).with(csrf()))
                .andReturn().getResponse().getRedirectedUrl();
    }

    private MockHttpServletResponse basic(String email, String password) throws Exception {
        return mvc.perform(get("/api/me").with(httpBasic(email, password))).andReturn().getResponse();
    }
}
