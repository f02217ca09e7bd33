package io.matterflow.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.matterflow.action.ActionState;
import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.condition.Clause;
import io.matterflow.condition.Condition;
import io.matterflow.directory.Directory;
import io.matterflow.instance.InstanceDetails;
import io.matterflow.instance.Instances;
import io.matterflow.instance.StepDetails;
import io.matterflow.support.Browser;
import io.matterflow.support.BrowserTests;
import io.matterflow.support.TestFirm;
import io.matterflow.support.Workflows;
import io.matterflow.template.StepDefinition;
import io.matterflow.template.TemplateStep;
import io.matterflow.template.Templates;

/**
 * A branch built in the builder and run both ways in a real browser: the lawyer gives the decline letter and the
 * engagement letter their conditions from the drop-downs, sees the two paths in the preview, publishes, and then
 * rejects the conflict check on one workflow and approves it on another; each run view shows the path taken, the
 * other letter skipped with its reason. Then the template gains a step in version 2, and the admin migrates a third
 * workflow, still at its conflict check, after reading the dry run.
 */
class BranchingBrowserTests extends BrowserTests {

    @Autowired
    Directory directory;
    @Autowired
    Templates templates;
    @Autowired
    Instances instances;

    @Test
    void shouldBuildABranchAndRunBothPaths() {
        TestFirm firm = TestFirm.create(directory);
        var owner = firm.as(firm.owner());
        var draft = templates.create(owner, "Intake " + UUID.randomUUID().toString().substring(0, 6), null, List.of(
                new StepDefinition("Conflict check", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true, Map.of()),
                new StepDefinition("Decline letter", ActionType.CHECKLIST, RoleScope.LAWYER, true,
                        Map.of("items", List.of("Sent"))),
                new StepDefinition("Engagement letter", ActionType.CHECKLIST, RoleScope.LAWYER, true,
                        Map.of("items", List.of("Sent")))));
        Page page = signIn(firm.owner());
        page.navigate("/workflows/templates/" + draft.id());

        // the decline letter runs when the conflict check is rejected, the engagement letter when it is approved
        page.getByLabel("When step 2 runs").selectOption("ALL");
        page.locator("#cond-1-0").selectOption(new com.microsoft.playwright.options.SelectOption()
                .setLabel("Step 1 \u201cConflict check\u201d is rejected"));
        page.getByLabel("When step 3 runs").selectOption("ALL");
        page.locator("#cond-2-0").selectOption(new com.microsoft.playwright.options.SelectOption()
                .setLabel("Step 1 \u201cConflict check\u201d is approved"));
        page.locator("#save-draft").click();

        assertThat(page.locator("#flash")).containsText("Draft saved: 3 steps");
        Locator paths = page.locator("#paths .path");
        assertThat(paths).hasCount(2);
        assertThat(paths.nth(0)).containsText("\u201cConflict check\u201d is rejected");
        assertThat(paths.nth(0).locator("li.skipped")).hasText("Engagement letter Skipped");
        assertThat(paths.nth(1)).containsText("\u201cConflict check\u201d is approved");
        assertThat(paths.nth(1).locator("li.skipped")).hasText("Decline letter Skipped");
        Browser.screenshot(page, "template-builder-branch");
        page.locator("#publish").click();
        assertThat(page.locator("#flash")).containsText("as version 1");
        assertThat(templates.get(owner, draft.id()).steps()).extracting(TemplateStep::condition).containsExactly(
                null, new Condition(Condition.Match.ALL, List.of(Clause.outcome(0, "REJECTED"))),
                new Condition(Condition.Match.ALL, List.of(Clause.outcome(0, "APPROVED"))));

        // one path: rejected
        var workflows = new Workflows(templates, instances);
        InstanceDetails declined = workflows.instantiate(firm, draft.id(), "Declined intake");
        open(page, firm, declined);
        assertThat(step(page, declined, 1)).containsText("Runs only when \u201cConflict check\u201d is rejected");
        step(page, declined, 0).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Start Conflict check"))
                .click();
        page.locator("#comment-" + declined.steps().get(0).id()).fill("Acts for the other side");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Reject")).click();
        assertThat(page.locator("#flash")).containsText("Conflict check");
        page.locator("#chk-" + declined.steps().get(1).id() + "-0").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Complete Decline letter")).click();
        assertThat(step(page, declined, 2)).containsText("skipped: its condition is not met: \u201cConflict check\u201d is approved");
        Browser.screenshot(page, "run-branch-declined");
        assertThat(instances.get(owner, declined.id()).steps()).extracting(StepDetails::actionState)
                .containsExactly(ActionState.COMPLETED, ActionState.COMPLETED, ActionState.SKIPPED);

        // the other path: approved
        InstanceDetails engaged = workflows.instantiate(firm, draft.id(), "Engaged intake");
        open(page, firm, engaged);
        step(page, engaged, 0).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Start Conflict check"))
                .click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve")).click();
        assertThat(step(page, engaged, 1)).containsText("skipped: its condition is not met: \u201cConflict check\u201d is rejected");
        page.locator("#chk-" + engaged.steps().get(2).id() + "-0").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Complete Engagement letter")).click();
        assertThat(page.locator("#flash")).containsText("Engagement letter");
        assertThat(instances.get(owner, engaged.id()).steps()).extracting(StepDetails::actionState)
                .containsExactly(ActionState.COMPLETED, ActionState.SKIPPED, ActionState.COMPLETED);

        // a third workflow is still at the conflict check when the template gains a welcome call in version 2
        InstanceDetails running = workflows.instantiate(firm, draft.id(), "Running intake");
        page.navigate("/workflows/templates/" + draft.id());
        page.locator("#add-step").click();
        page.locator("#title-3").fill("Welcome call");
        page.locator("#save-draft").click();
        assertThat(page.locator("#flash")).containsText("Draft saved: 4 steps");
        page.locator("#publish").click();
        assertThat(page.locator("#flash")).containsText("as version 2");

        // the admin looks at what a migration would do, then migrates
        Page admin = signIn(firm.admin());
        admin.navigate("/workflows/templates/" + draft.id());
        admin.locator("#migrate-instances").click();
        admin.getByLabel("From version").selectOption("1");
        admin.getByLabel("To version").selectOption("2");
        admin.locator("#plan-migration").click();
        Locator row = admin.locator("#item-" + running.id());
        assertThat(row).containsText("PLANNED");
        assertThat(row).containsText("Added Welcome call");
        assertThat(row).containsText("Kept Engagement letter");
        assertThat(admin.locator("#item-" + declined.id())).hasCount(0);
        Browser.screenshot(admin, "migration-dry-run");
        assertThat(instances.get(owner, running.id()).templateVersion()).as("a dry run changes nothing").isEqualTo(1);
        admin.locator("#confirm-migration").click();

        assertThat(admin.locator("#migration-report h2")).containsText("v1 to v2");
        assertThat(admin.locator("#item-" + running.id())).containsText("MIGRATED");
        var migrated = instances.get(owner, running.id());
        assertThat(migrated.templateVersion()).isEqualTo(2);
        assertThat(migrated.steps()).extracting(StepDetails::title)
                .containsExactly("Conflict check", "Decline letter", "Engagement letter", "Welcome call");
        assertThat(migrated.steps().get(1).condition().when().get(0).stepId()).isEqualTo(migrated.steps().get(0).id());
    }

    private static void open(Page page, TestFirm firm, InstanceDetails instance) {
        page.navigate("/matters/" + firm.matter().id() + "/workflows/" + instance.id());
    }

    private static Locator step(Page page, InstanceDetails instance, int index) {
        return page.locator("#step-" + instance.steps().get(index).id());
    }
}
