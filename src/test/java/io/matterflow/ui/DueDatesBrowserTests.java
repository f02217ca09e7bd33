package io.matterflow.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import com.microsoft.playwright.Page;

import io.matterflow.access.Matters;
import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.calendar.DueAnchor;
import io.matterflow.calendar.DueRule;
import io.matterflow.calendar.DueUnit;
import io.matterflow.directory.Directory;
import io.matterflow.support.Browser;
import io.matterflow.support.EnabledIfChromium;
import io.matterflow.support.TestFirm;
import io.matterflow.template.StepDefinition;
import io.matterflow.template.TemplateStep;
import io.matterflow.template.Templates;

/**
 * Due dates in a real browser, where app.js runs: the builder's "Due" fields show only what the chosen rule needs and
 * save it; the matter's key dates are added on its Details tab.
 */
@EnabledIfChromium
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DueDatesBrowserTests {

    static Browser browser;

    @LocalServerPort
    int port;
    @Autowired
    Directory directory;
    @Autowired
    Templates templates;
    @Autowired
    Matters matters;

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void shouldShowTheFieldsTheRuleNeedsAndSaveItInTheBuilder() {
        TestFirm firm = TestFirm.create(directory);
        var draft = templates.create(firm.as(firm.owner()), "Litigation", null, List.of(
                new StepDefinition("Conflict check", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true, Map.of()),
                new StepDefinition("Engagement letter", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true, Map.of())));
        Page page = signIn(firm);
        page.navigate("/workflows/templates/" + draft.id());

        assertThat(page.locator("#due-1-offset")).isHidden();
        page.locator("#due-1").selectOption("true");
        assertThat(page.locator("#due-1-offset")).isVisible();
        assertThat(page.locator("#due-1-step")).isHidden();
        assertThat(page.locator("#due-1-key-date")).isHidden();
        page.locator("#due-1-offset").fill("3");
        page.locator("#due-1-anchor").selectOption("STEP_COMPLETED");
        assertThat(page.locator("#due-1-step")).isVisible();
        page.getByLabel("The other step, step 2").selectOption("0");
        page.locator("#due-0").selectOption("true");
        page.locator("#due-0-anchor").selectOption("KEY_DATE");
        page.locator("#due-0-direction").selectOption("true");
        page.locator("#due-0-offset").fill("10");
        page.locator("#due-0-key-date").fill("Trial");
        page.locator("#save-draft").click();

        assertThat(page.locator("#flash")).containsText("Draft saved: 2 steps");
        assertThat(page.locator("#due-1-step")).hasValue("0");
        Browser.screenshot(page, "template-builder-due");
        assertThat(templates.get(firm.as(firm.owner()), draft.id()).steps()).extracting(TemplateStep::dueRule)
                .containsExactly(new DueRule(-10, DueUnit.BUSINESS_DAYS, DueAnchor.KEY_DATE, null, null, "Trial"),
                        new DueRule(3, DueUnit.BUSINESS_DAYS, DueAnchor.STEP_COMPLETED, 0, null, null));
    }

    @Test
    void shouldAddAndRemoveAKeyDateOnTheDetailsTab() {
        TestFirm firm = TestFirm.create(directory);
        Page page = signIn(firm);
        page.onDialog(dialog -> dialog.accept());
        page.navigate("/matters/" + firm.matter().id() + "/details");

        page.locator("#key-date-name").fill("Trial");
        page.locator("#key-date-date").fill("2027-03-01");
        page.locator("#key-date-form button[type=submit]").click();

        assertThat(page.locator("#flash")).containsText("Added key date Trial: 1 Mar 2027");
        assertThat(page.locator("#key-dates table")).containsText("Mon 1 Mar 2027");
        Browser.screenshot(page, "matter-key-dates");
        assertThat(matters.keyDates(firm.as(firm.owner()), firm.matter().id()))
                .containsExactly(Map.entry("Trial", LocalDate.of(2027, 3, 1)));

        page.getByLabel("Remove the key date Trial").click();
        assertThat(page.locator("#flash")).containsText("Removed key date Trial");
        assertThat(page.locator("#key-dates")).containsText("No key dates yet.");
    }

    private Page signIn(TestFirm firm) {
        if (browser == null) {
            browser = new Browser("http://localhost:" + port);
        }
        return browser.signIn(firm.owner().email(), "pw");
    }
}
