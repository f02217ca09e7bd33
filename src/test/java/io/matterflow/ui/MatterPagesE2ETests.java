package io.matterflow.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;

import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.directory.Directory;
import io.matterflow.support.Browser;
import io.matterflow.support.BrowserTests;
import io.matterflow.support.TestFirm;
import io.matterflow.template.StepDefinition;
import io.matterflow.template.Templates;

/**
 * The matter pages in a real browser, where htmx and the confirmations run: a lawyer opens a matter with New matter
 * and lands on it, puts a colleague on its team and takes them off again, starts a workflow, tries to close the
 * matter, is shown the unfinished workflow and cancels it with the close, then reopens the matter.
 */
class MatterPagesE2ETests extends BrowserTests {

    @Autowired
    Directory directory;
    @Autowired
    Templates templates;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void shouldOpenStaffCloseAndReopenAMatterThroughTheBrowser() {
        TestFirm firm = TestFirm.create(directory);
        var template = templates.create(firm.as(firm.owner()), "Intake " + UUID.randomUUID().toString().substring(0, 6),
                null, List.of(new StepDefinition("Conflict check", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true,
                        Map.of())));
        templates.publish(firm.as(firm.owner()), template.id());
        Page page = signIn(firm.owner());
        page.onDialog(dialog -> dialog.accept());
        String reference = "E-" + UUID.randomUUID().toString().substring(0, 8);

        // New matter: the lawyer is the owner unless they choose another; the page is the new matter's
        page.navigate("/matters");
        page.getByText("New matter").click();
        page.getByLabel("Number").fill(reference);
        page.getByLabel("Title").fill("Acme v. Gadget");
        page.getByLabel("Client").selectOption(new SelectOption().setLabel(firm.client().displayName()));
        page.locator("#create-matter").click();
        page.waitForURL(Pattern.compile(".*/matters/[0-9a-f-]{36}$"));
        assertThat(page.locator("#flash")).containsText("Opened matter " + reference);
        assertThat(page.locator("h1")).containsText("Acme v. Gadget");
        String matterUrl = page.url();

        // Team: add a colleague, then take them off again
        page.locator("#tab-team").click();
        page.getByLabel("Person").selectOption(new SelectOption().setLabel(firm.paralegal().displayName()
                + " (PARALEGAL)"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add to team")).click();
        assertThat(page.locator("#flash")).containsText("Added " + firm.paralegal().displayName());
        assertThat(page.locator("#team-table")).containsText(firm.paralegal().displayName());
        Browser.screenshot(page, "matter-team");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                .setName("Remove " + firm.paralegal().displayName() + " from the team")).click();
        assertThat(page.locator("#flash")).containsText("Removed " + firm.paralegal().displayName());
        assertThat(page.locator("#team-table")).not().containsText(firm.paralegal().displayName());

        // a workflow on it, then the close: refused with the workflow listed, until it is canceled with it
        page.navigate(matterUrl);
        page.locator("#start-workflow").click();
        page.waitForURL(Pattern.compile(".*/workflows/[0-9a-f-]{36}$"));
        page.navigate(matterUrl + "/details");
        page.locator("#close-matter").click();
        assertThat(page.locator("#unfinished")).containsText(template.name());
        assertThat(page.locator("#unfinished")).containsText("Active");
        Browser.screenshot(page, "matter-close-refused");
        page.locator("#cancel-and-close").click();
        assertThat(page.locator("#flash")).containsText("Closed " + reference + " and canceled");
        assertThat(page.locator("#reopen-matter")).isVisible();
        assertThat(jdbc.queryForList("select i.status from workflow_instances i join matters m on m.id = i.matter_id"
                + " where m.org_id = ? and m.reference = ?", String.class, firm.orgId(), reference))
                .containsExactly("CANCELED");
        page.navigate(matterUrl);
        assertThat(page.locator("main")).containsText("No workflow can be started on a closed matter");

        page.navigate(matterUrl + "/details");
        page.locator("#reopen-matter").click();
        assertThat(page.locator("#flash")).containsText("Reopened " + reference);
        assertThat(page.locator("#close-matter")).isVisible();
    }
}
