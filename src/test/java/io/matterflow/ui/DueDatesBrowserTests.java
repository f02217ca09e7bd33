package io.matterflow.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

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
import io.matterflow.support.BrowserTests;
import io.matterflow.support.TestFirm;
import io.matterflow.support.Workflows;
import io.matterflow.template.StepDefinition;
import io.matterflow.template.TemplateStep;
import io.matterflow.template.Templates;

/**
 * Due dates in a real browser, where app.js runs: the builder's "Due" fields show only what the chosen rule needs and
 * save it; the matter's key dates are added on its Details tab; a step due two business days before the matter's
 * hearing, which was yesterday, is overdue: the lawyer sees it in the inbox (and under "Overdue") with its badge and
 * how the date was computed, then in the run view and as the matter's next deadline, and setting the date by hand
 * there marks it so.
 */
class DueDatesBrowserTests extends BrowserTests {

    @Autowired
    Directory directory;
    @Autowired
    Templates templates;
    @Autowired
    Matters matters;
    @Autowired
    Instances instances;

    @Test
    void shouldShowTheFieldsTheRuleNeedsAndSaveItInTheBuilder() {
        TestFirm firm = TestFirm.create(directory);
        var draft = templates.create(firm.as(firm.owner()), "Litigation", null, List.of(
                new StepDefinition("Conflict check", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true, Map.of()),
                new StepDefinition("Engagement letter", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true, Map.of())));
        Page page = signIn(firm.owner());
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
        Page page = signIn(firm.owner());
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

    @Test
    void shouldShowAnOverdueStepWithItsBadgeAndExplanation() {
        var firm = TestFirm.create(directory);
        var owner = firm.as(firm.owner());
        new Workflows(templates, instances).instance(firm, "Litigation", new StepDefinition("File the defence",
                ActionType.CHECKLIST, RoleScope.LAWYER, true, Map.of("items", List.of("Draft", "File")), null,
                new DueRule(-2, DueUnit.BUSINESS_DAYS, DueAnchor.KEY_DATE, null, null, "Hearing")));
        matters.setKeyDates(owner, firm.matter().id(),
                List.of(new Matters.KeyDate("Hearing", LocalDate.now().minusDays(1))));
        Page lawyer = signIn(firm.owner());

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
