package io.matterflow.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;

import io.matterflow.action.ActionState;
import io.matterflow.audit.AuditEvent;
import io.matterflow.audit.AuditLog;
import io.matterflow.demo.DemoData;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Directory;
import io.matterflow.instance.InstanceDetails;
import io.matterflow.instance.Instances;
import io.matterflow.instance.StepDetails;
import io.matterflow.instance.WorkflowStatus;
import io.matterflow.notification.Notifications;
import io.matterflow.support.Browser;
import io.matterflow.support.BrowserTests;

/**
 * The plan's smoke in a real browser: a lawyer builds a 3-step template (CHECKLIST, APPROVAL_LAWYER,
 * REQUEST_DOC_CLIENT), reorders it by drag and drop, publishes it and starts it on the demo matter; the paralegal,
 * the lawyer and the client each do their step; the instance completes, every transition is audited and a
 * notification was created for each step that became READY. Screenshots go to target/screenshots.
 */
class SmokeE2ETests extends BrowserTests {

    @Autowired
    Directory directory;
    @Autowired
    Instances instances;
    @Autowired
    AuditLog audit;
    @Autowired
    Notifications notifications;
    @Autowired
    DemoData demo;
    @Autowired
    io.matterflow.template.Templates templates;

    @Test
    void shouldBuildPublishAndRunAThreeStepWorkflowThroughTheBrowser() {
        UUID org = demo.seed();
        String name = "Onboarding " + UUID.randomUUID().toString().substring(0, 6);

        // The lawyer builds the template: approval, checklist, document request ...
        Page lawyer = browser().signIn(DemoData.LAWYER, DemoData.PASSWORD);
        lawyer.navigate("/workflows/templates");
        lawyer.locator("#create-template").click();
        lawyer.getByLabel("Name").fill(name);
        addStep(lawyer, 0, "Partner approval", "APPROVAL_LAWYER", "LAWYER");
        addStep(lawyer, 1, "Open the file", "CHECKLIST", "PARALEGAL");
        lawyer.locator("#cfg-1-items").fill("Conflict search filed\nClient added to billing");
        addStep(lawyer, 2, "Proof of address", "REQUEST_DOC_CLIENT", "CLIENT");
        lawyer.locator("#cfg-2-requestText").fill("Please upload a recent utility bill.");
        lawyer.locator("#cfg-2-acceptedTypes").fill("application/pdf, .pdf");
        lawyer.locator("#save-draft").click();
        assertThat(lawyer.locator("#flash")).containsText("Draft saved: 3 steps");

        // ... then drags the checklist above the approval; the new order is saved at once.
        lawyer.waitForResponse(r -> r.request().method().equals("POST") && r.url().contains("/workflows/templates/"),
                () -> dragRow(lawyer, 1, 0));
        assertThat(lawyer.locator("#title-0")).hasValue("Open the file");
        lawyer.reload();
        assertThat(lawyer.locator("#title-0")).hasValue("Open the file");
        assertThat(lawyer.locator("#title-1")).hasValue("Partner approval");
        assertThat(lawyer.locator("#title-2")).hasValue("Proof of address");
        assertThat(lawyer.locator(".preview li").first()).containsText("Ready");
        Browser.screenshot(lawyer, "template-builder");

        lawyer.locator("#publish").click();
        assertThat(lawyer.locator("#flash")).containsText("as version 1");

        // The lawyer starts it on the demo matter.
        lawyer.navigate("/matters");
        lawyer.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Acme v. Widget Co")).click();
        lawyer.getByLabel("Template").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel(name + " (v1)"));
        lawyer.locator("#start-workflow").click();
        assertThat(lawyer.locator("#instance-title")).hasText(name);
        assertThat(lawyer.locator("#instance-status")).hasText("Active");
        UUID instanceId = UUID.fromString(lawyer.url().replaceAll(".*/workflows/([0-9a-f-]{36}).*", "$1"));
        String runUrl = lawyer.url();

        // The paralegal finds the checklist in the inbox and ticks it, straight from READY.
        Page paralegal = browser().signIn(DemoData.PARALEGAL, DemoData.PASSWORD);
        paralegal.navigate("/inbox");
        // Other tests share the embedded database: pick this workflow's row by its unique name.
        Locator row = paralegal.locator("#inbox tr", new Page.LocatorOptions().setHasText("Open the file"))
                .filter(new Locator.FilterOptions().setHasText(name));
        Browser.screenshot(paralegal, "inbox");
        row.getByRole(AriaRole.LINK).click();
        // the run page opens at the step's anchor and loads its parts: act once it has settled
        paralegal.waitForURL(url -> url.contains(instanceId.toString()));
        paralegal.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        Locator checklist = stepCard(paralegal, "Open the file");
        checklist.getByLabel("Conflict search filed").check();
        checklist.getByLabel("Client added to billing").check();
        checklist.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Complete Open the file")).click();
        assertThat(paralegal.locator("#flash")).containsText("completed");
        assertThat(paralegal.locator("#group-COMPLETED")).containsText("Open the file");

        // The lawyer claims, starts and approves.
        lawyer.navigate(runUrl);
        Locator approval = stepCard(lawyer, "Partner approval");
        approval.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Claim Partner approval")).click();
        assertThat(lawyer.locator("#flash")).containsText("claimed");
        stepCard(lawyer, "Partner approval").getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Start Partner approval")).click();
        assertThat(lawyer.locator("#group-IN_PROGRESS")).containsText("Partner approval");
        approval = stepCard(lawyer, "Partner approval");
        approval.getByLabel(Pattern.compile("Comment")).fill("No conflict with Widget Co.");
        approval.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Approve")).click();
        assertThat(lawyer.locator("#flash")).containsText("completed");

        // The client starts the document request, uploads a PDF and submits it.
        Page client = browser().signIn(DemoData.CLIENT, DemoData.PASSWORD);
        client.navigate(runUrl);
        assertThat(client.locator("#instance-editor")).hasCount(0);
        Locator request = stepCard(client, "Proof of address");
        request.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Start Proof of address")).click();
        assertThat(client.locator("#group-IN_PROGRESS")).containsText("Proof of address");
        stepCard(client, "Proof of address").getByLabel("Choose a file").setInputFiles(new FilePayload(
                "utility-bill.pdf", "application/pdf", "%PDF-1.4\n% utility bill\n".getBytes(StandardCharsets.UTF_8)));
        stepCard(client, "Proof of address").getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Upload")).click();
        assertThat(client.locator("#flash")).containsText("Uploaded utility-bill.pdf");
        Browser.screenshot(client, "run-view");
        stepCard(client, "Proof of address").getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Submit documents")).click();
        assertThat(client.locator("#instance-status")).hasText("Completed");

        // Every transition is in the audit trail, and each READY step notified its people.
        Actor reader = Actor.user(directory.findUserByEmail(DemoData.LAWYER).orElseThrow());
        InstanceDetails done = instances.get(reader, instanceId);
        assertThat(done.status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(done.steps()).extracting(StepDetails::actionState).containsOnly(ActionState.COMPLETED);
        List<AuditEvent> events = audit.stream(org, instanceId);
        for (StepDetails step : done.steps()) {
            assertThat(events.stream().filter(e -> e.entityId().equals(step.id()) && e.fromState() != null)
                    .map(e -> e.action() + " " + e.fromState() + "->" + e.toState()))
                    .as(step.title()).contains("step.ready PENDING->READY", "step.start READY->IN_PROGRESS",
                            "step.complete IN_PROGRESS->COMPLETED");
        }
        List<AuditEvent> readies = events.stream().filter(e -> e.action().equals("step.ready")).toList();
        assertThat(readies).hasSize(3);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> readies.forEach(
                e -> assertThat(notifications.causedBy(e.id())).as("notifications for " + e.entityId()).isPositive()));

        lawyer.navigate(runUrl);
        lawyer.locator("#step-" + done.steps().get(2).id() + " details summary").last().click();
        Browser.screenshot(lawyer, "run-view-completed");
        lawyer.navigate("/notifications");
        Browser.screenshot(lawyer, "notifications");
        assertThat(audit.verify(org).valid()).isTrue();
        assertThat(instances.forMatter(reader, done.matterId(), PageRequest.of(0, 50)).getContent())
                .extracting(InstanceDetails::id).contains(instanceId);
    }

    @Test
    void shouldHideTheInstanceEditorFromAParalegalAndRefuseItsPosts() {
        UUID org = demo.seed();
        Actor lawyer = Actor.user(directory.findUserByEmail(DemoData.LAWYER).orElseThrow());
        var template = templates.search(lawyer, DemoData.TEMPLATE_NAME, PageRequest.of(0, 1)).getContent().get(0);
        var matter = directory.findMatterByReference(org, DemoData.MATTER_REFERENCE).orElseThrow();
        var instance = instances.instantiate(lawyer,
                new Instances.Instantiate(template.id(), matter.id(), "Editor access", true, null));
        String runUrl = "/matters/" + matter.id() + "/workflows/" + instance.id();

        Page owner = browser().signIn(DemoData.LAWYER, DemoData.PASSWORD);
        owner.navigate(runUrl);
        assertThat(owner.locator("#instance-editor")).hasCount(1);

        Page paralegal = browser().signIn(DemoData.PARALEGAL, DemoData.PASSWORD);
        paralegal.navigate(runUrl);
        assertThat(paralegal.locator("#instance-title")).hasText("Editor access");
        assertThat(paralegal.locator("#instance-editor")).hasCount(0);
        String token = paralegal.locator("meta[name=csrf-token]").getAttribute("content");
        String header = paralegal.locator("meta[name=csrf-header]").getAttribute("content");
        var response = paralegal.request().post("/workflows/instances/" + instance.id() + "/update",
                com.microsoft.playwright.options.RequestOptions.create().setHeader(header, token)
                        .setHeader("HX-Request", "true").setForm(com.microsoft.playwright.options.FormData.create()
                                .set("status", "CANCELED")));
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.text()).contains("only admins and the matter");
        var unchanged = instances.get(lawyer, instance.id());
        assertThat(unchanged.status()).isEqualTo(WorkflowStatus.ACTIVE);
        assertThat(unchanged.version()).isEqualTo(instance.version());

        var withoutToken = paralegal.request().post("/workflows/instances/" + instance.id() + "/update",
                com.microsoft.playwright.options.RequestOptions.create().setMaxRedirects(0)
                        .setForm(com.microsoft.playwright.options.FormData.create().set("status", "CANCELED")));
        assertThat(withoutToken.status()).isEqualTo(403);
    }

    @Test
    void shouldLetTheOwnerEditARunningInstanceInTheBrowser() {
        UUID org = demo.seed();
        Actor lawyer = Actor.user(directory.findUserByEmail(DemoData.LAWYER).orElseThrow());
        var template = templates.search(lawyer, DemoData.TEMPLATE_NAME, PageRequest.of(0, 1)).getContent().get(0);
        var matter = directory.findMatterByReference(org, DemoData.MATTER_REFERENCE).orElseThrow();
        var instance = instances.instantiate(lawyer,
                new Instances.Instantiate(template.id(), matter.id(), "To be edited", true, null));

        Page owner = browser().signIn(DemoData.LAWYER, DemoData.PASSWORD);
        owner.navigate("/matters/" + matter.id() + "/workflows/" + instance.id());
        owner.locator("#instance-editor summary").first().click();
        owner.locator("#rename").fill("Edited intake");
        owner.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Rename")).click();
        assertThat(owner.locator("#instance-title")).hasText("Edited intake");
        owner.locator("#new-title").fill("Final review");
        owner.locator("#new-type").selectOption("CHECKLIST");
        owner.locator("#new-role").selectOption("LAWYER");
        owner.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add step")).click();
        assertThat(owner.locator("#flash")).containsText("Added step");
        var added = instances.get(lawyer, instance.id()).steps().get(5);
        assertThat(added.title()).isEqualTo("Final review");
        owner.locator("#instance-editor details summary", new Page.LocatorOptions().setHasText("Settings of Final review")).click();
        owner.locator("#edit-cfg-" + added.id() + "-items").fill("Bill sent\nFile archived");
        owner.locator("#instance-editor details", new Page.LocatorOptions().setHasText("Settings of Final review"))
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save settings")).click();
        assertThat(owner.locator("#flash")).containsText("Saved step");
        assertThat(instances.get(lawyer, instance.id()).steps().get(5).actionConfig())
                .containsEntry("items", List.of("Bill sent", "File archived"));
        // Reordering from the keyboard: Alt+ArrowUp on the step's handle moves it up one place and saves.
        owner.waitForResponse(r -> r.url().contains("/reorder"), () -> {
            owner.locator("#instance-editor li[data-row]").nth(5).locator(".drag-handle").focus();
            owner.keyboard().press("Alt+ArrowUp");
        });
        assertThat(owner.locator("#flash")).containsText("Step order saved");
        assertThat(instances.get(lawyer, instance.id()).steps()).extracting(StepDetails::title)
                .containsExactly("Conflict check", "Sign the engagement letter", "Proof of identity",
                        "Retainer payment", "Final review", "Onboarding checklist");

        owner.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pause")).click();
        assertThat(owner.locator("#instance-status")).hasText("Paused");
        owner.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Resume")).click();
        assertThat(owner.locator("#instance-status")).hasText("Active");
        assertThat(audit.stream(org, instance.id())).extracting(AuditEvent::action)
                .contains("instance.rename", "instance.step-add", "instance.step-edit", "instance.reorder");
    }

    private static void addStep(Page page, int index, String title, String type, String role) {
        page.locator("#add-step").click();
        page.locator("#title-" + index).waitFor();
        page.locator("#title-" + index).fill(title);
        page.locator("#type-" + index).selectOption(type);
        // the new type's fields come by htmx: wait until that request has been swapped in (a row that was a checklist
        // already has a label, so waiting for one would not wait for the swap)
        page.waitForFunction("() => !document.querySelector('.htmx-request')");
        page.locator("#config-" + index + " label").first().waitFor();
        page.locator("#role-" + index).selectOption(role);
    }

    /** Drags row {@code from} by its handle onto row {@code to}, moving the mouse in steps as a person would. */
    private static void dragRow(Page page, int from, int to) {
        // the rows are tall (config, due date, condition): bring both handles into the viewport before measuring them
        page.locator("#row-" + to + " .drag-handle").scrollIntoViewIfNeeded();
        page.locator("#row-" + from + " .drag-handle").scrollIntoViewIfNeeded();
        var source = page.locator("#row-" + from + " .drag-handle").boundingBox();
        var target = page.locator("#row-" + to + " .drag-handle").boundingBox();
        page.mouse().move(source.x + source.width / 2, source.y + source.height / 2);
        page.mouse().down();
        page.mouse().move(source.x + source.width / 2, source.y + source.height / 2 - 10, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(5));
        page.mouse().move(target.x + target.width / 2, target.y + 5, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(20));
        page.mouse().up();
    }

    private static Locator stepCard(Page page, String title) {
        return page.locator("article.step", new Page.LocatorOptions().setHasText(title));
    }
}
