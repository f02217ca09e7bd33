package io.matterflow.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;

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
 * A template exported from the list as a file and imported again from the same page, in a real browser: the file
 * downloads under the template's name and version, and importing it lands on the new draft's builder.
 */
class TemplateTransferBrowserTests extends BrowserTests {

    @Autowired
    Directory directory;
    @Autowired
    Templates templates;
    @Autowired
    Instances instances;

    @Test
    void shouldExportFromTheListAndImportTheFileAsANewDraft() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        String name = "Intake " + UUID.randomUUID().toString().substring(0, 8);
        var source = new Workflows(templates, instances).published(firm, name, List.of(
                new StepDefinition("Conflict check", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true, Map.of()),
                new StepDefinition("Welcome pack", ActionType.CHECKLIST, RoleScope.PARALEGAL, false,
                        Map.of("items", List.of("Send the welcome pack")), true,
                        new DueRule(3, DueUnit.BUSINESS_DAYS, DueAnchor.STEP_COMPLETED, 0, null, null))));
        Page page = signIn(firm.owner());
        page.navigate("/workflows/templates?q=" + name);

        Download download = page.waitForDownload(() -> page.getByLabel("Export " + name + " version 1 as a file").click());
        assertThat(download.suggestedFilename()).isEqualTo(name.toLowerCase().replace(' ', '-') + "-v1.matterflow.json");
        Path file = Path.of("target", "downloads", download.suggestedFilename());
        download.saveAs(file);
        assertThat(Files.readString(file)).contains("\"schema\":\"matterflow.template/1\"")
                .doesNotContain(source.id().toString());

        page.getByLabel("Template file (.matterflow.json)").setInputFiles(file);
        Browser.screenshot(page, "template-import");
        page.locator("#import-template-submit").click();

        page.waitForURL(Pattern.compile(".*/workflows/templates/(?!" + source.id() + ")[0-9a-f-]{36}$"));
        assertThat(page.locator("#flash")).containsText("Imported \"" + name + "\" as a new draft with 2 steps");
        assertThat(page.locator("h1")).hasText(name);
        assertThat(page.locator("#export-draft")).isVisible();
        UUID imported = UUID.fromString(page.url().substring(page.url().lastIndexOf('/') + 1));
        var draft = templates.get(firm.as(firm.owner()), imported);
        assertThat(draft.version()).isZero();
        assertThat(draft.steps()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("id")
                .containsExactlyElementsOf(source.steps());
        assertThat(draft.steps()).extracting(TemplateStep::title).containsExactly("Conflict check", "Welcome pack");
    }
}
