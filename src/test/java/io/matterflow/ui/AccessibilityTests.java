package io.matterflow.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;

import io.matterflow.demo.DemoData;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Directory;
import io.matterflow.instance.Instances;
import io.matterflow.instance.StepRuntime;
import io.matterflow.support.Browser;
import io.matterflow.support.BrowserTests;
import io.matterflow.template.Templates;

/**
 * Every page, as the people who use it see it, checked by axe-core in Chromium: no serious or critical violation.
 * The run view is checked with every kind of step on it (ready, in progress, completed) and its editor open.
 */
class AccessibilityTests extends BrowserTests {

    private static final Set<String> BLOCKING = Set.of("serious", "critical");

    @Autowired
    DemoData demo;
    @Autowired
    Directory directory;
    @Autowired
    Templates templates;
    @Autowired
    Instances instances;
    @Autowired
    StepRuntime runtime;

    @Test
    void shouldHaveNoSeriousOrCriticalViolationOnAnyPage() {
        UUID org = demo.seed();
        Actor lawyer = Actor.user(directory.findUserByEmail(DemoData.LAWYER).orElseThrow());
        var matter = directory.findMatterByReference(org, DemoData.MATTER_REFERENCE).orElseThrow();
        var template = templates.search(lawyer, DemoData.TEMPLATE_NAME, PageRequest.of(0, 5)).getContent().get(0);
        var instance = instances.instantiate(lawyer, new Instances.Instantiate(template.id(), matter.id(),
                "Accessibility check", true, null));
        var approval = instance.steps().get(0).id();
        runtime.start(lawyer, approval);
        runtime.complete(lawyer, approval, Map.of("approved", true, "comment", "No conflict"));
        var signature = instance.steps().get(1).id();
        runtime.start(Actor.user(directory.findUserByEmail(DemoData.CLIENT).orElseThrow()), signature);
        String run = "/matters/" + matter.id() + "/workflows/" + instance.id();

        Map<String, List<String>> violations = new LinkedHashMap<>();
        Page anonymous = browser().anonymous();
        check(anonymous, "/login", violations);

        Page lawyerPage = browser().signIn(DemoData.LAWYER, DemoData.PASSWORD);
        for (String path : List.of("/inbox", "/matters", "/matters/" + matter.id(), "/matters/" + matter.id()
                + "/documents", "/matters/" + matter.id() + "/team", "/matters/" + matter.id() + "/details", run,
                "/workflows/templates",
                "/workflows/templates/" + template.id(), "/notifications", "/matters/" + UUID.randomUUID())) {
            check(lawyerPage, path, violations);
        }
        lawyerPage.navigate(run);
        lawyerPage.locator("#instance-editor summary").first().click();
        checkCurrent(lawyerPage, run + " (editor open)", violations);

        Page client = browser().signIn(DemoData.CLIENT, DemoData.PASSWORD);
        for (String path : List.of("/inbox", "/matters", run, "/notifications")) {
            check(client, path, violations);
        }
        client.navigate(run);
        String signing = client.locator("a", new Page.LocatorOptions().setHasText("Open the signing page"))
                .getAttribute("href");
        check(client, signing, violations);

        // a template of its own with two versions and a running instance, for the migration page (the demo template
        // stays at version 1, as the demo's tests expect)
        var twice = templates.create(lawyer, "Accessibility " + UUID.randomUUID(), null, List.of(
                new io.matterflow.template.StepDefinition("Conflict check", io.matterflow.action.ActionType.APPROVAL_LAWYER,
                        io.matterflow.action.RoleScope.LAWYER, true, Map.of())));
        templates.publish(lawyer, twice.id());
        instances.instantiate(lawyer, new Instances.Instantiate(twice.id(), matter.id(), "Migration check", true, null));
        templates.publish(lawyer, twice.id());
        String migration = "/workflows/templates/" + twice.id() + "/migrations?from=1&to=2";
        Page admin = browser().signIn(DemoData.ADMIN, DemoData.PASSWORD);
        for (String path : List.of(run, "/people", "/settings/calendar", "/account", migration)) {
            check(admin, path, violations);
        }
        check(browser().anonymous(), "/password/forgot", violations);

        assertThat(violations).as("serious or critical axe-core violations by page").isEmpty();
    }

    private static void check(Page page, String path, Map<String, List<String>> violations) {
        page.navigate(path);
        page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        checkCurrent(page, path, violations);
    }

    private static void checkCurrent(Page page, String label, Map<String, List<String>> violations) {
        AxeResults results = new AxeBuilder(page).analyze();
        List<String> found = new ArrayList<>();
        for (Rule rule : results.getViolations()) {
            if (BLOCKING.contains(rule.getImpact())) {
                found.add(rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                        + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).limit(5)
                        .collect(Collectors.joining(", ")));
            }
        }
        if (!found.isEmpty()) {
            violations.put(label, found);
        }
    }
}
