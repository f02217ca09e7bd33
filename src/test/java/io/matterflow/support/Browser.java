package io.matterflow.support;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/** Debian's Chromium driven by Playwright, headless, with no browser download and no network beyond localhost. */
public final class Browser implements AutoCloseable {

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;
    private final String baseUrl;
    private final List<String> policyViolations = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Browser(String baseUrl) {
        this.baseUrl = baseUrl;
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        this.playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        this.browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(chromium())
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic")));
    }

    /** Debian's Chromium, or {@code MATTERFLOW_CHROMIUM}. */
    public static Path chromium() {
        return Path.of(System.getenv().getOrDefault("MATTERFLOW_CHROMIUM", "/usr/bin/chromium"));
    }

    /** A fresh browser session signed in as the user. */
    public Page signIn(String email, String password) {
        Page page = anonymous();
        page.navigate("/login");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill(password);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Sign in")).click();
        page.locator("header.topbar").waitFor();
        return page;
    }

    /** A fresh browser session that has not signed in. */
    public Page anonymous() {
        BrowserContext context = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(1360, 900).setBaseURL(baseUrl));
        // Generous: the suite shares two cores with PostgreSQL and other application contexts.
        context.setDefaultTimeout(30_000);
        context.setDefaultNavigationTimeout(60_000);
        // Chromium reports what the Content-Security-Policy refused on the console ("Refused to execute inline
        // script because it violates the following Content Security Policy directive ...").
        context.onConsoleMessage(message -> {
            String text = message.text();
            if (text.contains("Content Security Policy") || text.contains("Refused to")) {
                policyViolations.add(message.location() + ": " + text);
            }
        });
        return context.newPage();
    }

    /** The Content-Security-Policy violations every page of this browser reported since the last call; clears them. */
    public List<String> takePolicyViolations() {
        List<String> taken = List.copyOf(policyViolations);
        policyViolations.removeAll(taken);
        return taken;
    }

    public static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", name + ".png"))
                .setFullPage(true));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
