package io.matterflow.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import com.microsoft.playwright.Page;

import io.matterflow.directory.UserAccount;

/**
 * What every browser test class shares: the application on a random port with the test profile, run only where
 * Chromium is ({@link EnabledIfChromium}), and one headless browser for the class, opened on first use against this
 * test's server and closed after the class. A test fails when any of its pages reported a Content-Security-Policy
 * violation on the console.
 */
@EnabledIfChromium
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class BrowserTests {

    /** The password {@link TestFirm}'s people have. */
    public static final String PASSWORD = "pw";

    private static Browser browser;

    @LocalServerPort
    private int port;

    /** No page of the test broke the Content-Security-Policy (Chromium reports each refusal on the console). */
    @AfterEach
    void noPolicyViolations() {
        if (browser != null) {
            org.assertj.core.api.Assertions.assertThat(browser.takePolicyViolations())
                    .as("Content-Security-Policy violations on the console").isEmpty();
        }
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    /** The class's browser, against this test's server. */
    protected Browser browser() {
        if (browser == null) {
            browser = new Browser("http://localhost:" + port);
        }
        return browser;
    }

    /** A new browser session signed in as one of a {@link TestFirm}'s people. */
    protected Page signIn(UserAccount user) {
        return browser().signIn(user.email(), PASSWORD);
    }
}
