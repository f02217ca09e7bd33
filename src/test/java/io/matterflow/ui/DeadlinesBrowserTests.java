package io.matterflow.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

import io.matterflow.access.Matters;
import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.calendar.DueAnchor;
import io.matterflow.calendar.DueRule;
import io.matterflow.calendar.DueUnit;
import io.matterflow.directory.Directory;
import io.matterflow.instance.Instances;
import io.matterflow.support.Browser;
import io.matterflow.support.EnabledIfChromium;
import io.matterflow.support.TestFirm;
import io.matterflow.support.Workflows;
import io.matterflow.template.StepDefinition;
import io.matterflow.template.Templates;

/**
 * Deadlines in a real browser: a step due two business days before the matter's hearing, which was yesterday, is
 * overdue. The lawyer sees it first in the inbox (and under "Overdue") with its badge and how the date was computed,
 * then in the run view, and as the matter's next deadline; setting the date by hand there marks it so.
 */
@EnabledIfChromium
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DeadlinesBrowserTests {

    static Browser browser;

    @LocalServerPort
    int port;
    @Autowired
    Directory directory;
    @Autowired
    Templates templates;
    @Autowired
    Instances instances;
    @Autowired
    Matters matters;

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void shouldShowAnOverdueStepWithItsBadgeAndExplanation() {
        var firm = TestFirm.create(directory);
        var owner = firm.as(firm.owner());
        new Workflows(templates, instances).instance(firm, "Litigation", new StepDefinition("File the defence",
                ActionType.CHECKLIST, RoleScope.LAWYER, true, Map.of("items", List.of("Draft", "File")), null,
                new DueRule(-2, DueUnit.BUSINESS_DAYS, DueAnchor.KEY_DATE, null, null, "Hearing")));
        matters.setKeyDates(owner, firm.matter().id(),
                List.of(new Matters.KeyDate("Hearing", LocalDate.now().minusDays(1))));
        if (browser == null) {
            browser = new Browser("http://localhost:" + port);
        }
        Page lawyer = browser.signIn(firm.owner().email(), "pw");

        lawyer.navigate("/inbox");
        Locator row = lawyer.locator("#inbox tbody tr").filter(new Locator.FilterOptions().setHasText("File the defence"));
        assertThat(row.locator(".badge.overdue")).hasText("Overdue");
        row.getByText("How?").click();
        assertThat(row.locator(".explanation"))
                .containsText("2 business days before the key date \u201cHearing\u201d");
        lawyer.getByText("Overdue", new Page.GetByTextOptions().setExact(true)).first().click();
        assertThat(lawyer.locator("#inbox")).containsText("File the defence");
        Browser.screenshot(lawyer, "inbox-overdue");

        row = lawyer.locator("#inbox tbody tr").filter(new Locator.FilterOptions().setHasText("File the defence"));
        row.getByRole(com.microsoft.playwright.options.AriaRole.LINK,
                new Locator.GetByRoleOptions().setName("Open File the defence")).click();
        Locator step = lawyer.locator("article.step").filter(new Locator.FilterOptions().setHasText("File the defence"));
        assertThat(step.locator(".badge.overdue")).hasText("Overdue");
        step.getByText("How?").click();
        assertThat(step.locator(".explanation")).containsText("due at close of business, 17:00 UTC");
        Browser.screenshot(lawyer, "run-view-overdue");

        // the owner moves it by hand: a week from now, with a reason
        step.getByText("Set the due date of File the defence").click();
        step.getByLabel("Due (UTC)").fill(LocalDateTime.now().plusDays(7).withSecond(0).withNano(0).toString());
        step.getByPlaceholder("Why? (kept in the history)").fill("The court moved the hearing");
        step.getByText("Set due date", new Locator.GetByTextOptions().setExact(true)).click();
        assertThat(lawyer.locator("#flash")).containsText("due date set");
        step = lawyer.locator("article.step").filter(new Locator.FilterOptions().setHasText("File the defence"));
        assertThat(step.locator(".badge.set-by-hand")).hasText("Set by hand");
        assertThat(step.locator(".badge.overdue")).hasCount(0);

        lawyer.navigate("/matters/" + firm.matter().id());
        assertThat(lawyer.locator("#next-deadline")).containsText("File the defence");
    }
}
