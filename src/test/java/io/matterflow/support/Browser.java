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
        BrowserContext context = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(1360, 900).setBaseURL(baseUrl));
        // Generous: the suite shares two cores with PostgreSQL and other application contexts.
        context.setDefaultTimeout(30_000);
        context.setDefaultNavigationTimeout(60_000);
        Page page = context.newPage();
        page.navigate("/login");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill(password);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Sign in")).click();
        page.locator("header.topbar").waitFor();
        return page;
    }

    /** A fresh browser session, not signed in. */
    public Page page() {
        BrowserContext context = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(1360, 900).setBaseURL(baseUrl));
        context.setDefaultTimeout(30_000);
        context.setDefaultNavigationTimeout(60_000);
        return context.newPage();
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
