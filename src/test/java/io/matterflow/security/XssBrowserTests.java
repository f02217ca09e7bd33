package io.matterflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Page;

import io.matterflow.directory.Directory;
import io.matterflow.directory.UserAccount;
import io.matterflow.instance.Instances;
import io.matterflow.instance.StepDocuments;
import io.matterflow.instance.StepRuntime;
import io.matterflow.support.Browser;
import io.matterflow.support.BrowserTests;
import io.matterflow.template.Templates;

/**
 * In Chromium: every page of a firm whose user-supplied fields all carry script and markup payloads — the run views,
 * the builder, the lists — loads and runs its scripts (htmx included) without any payload executing: a dialog
 * handler records every alert, and the test fails if one fired or a payload element made it into the DOM.
 */
class XssBrowserTests extends BrowserTests {

    @Autowired
    Directory directory;
    @Autowired
    Templates templates;
    @Autowired
    Instances instances;
    @Autowired
    StepRuntime runtime;
    @Autowired
    StepDocuments documents;

    @Test
    void shouldFireNoAlertOnAnyPage() {
        XssFixture f = XssFixture.create(directory, templates, instances, runtime, documents);
        List<String> dialogs = new CopyOnWriteArrayList<>();
        for (UserAccount who : List.of(f.owner(), f.client())) {
            Page page = signIn(who);
            page.onDialog(dialog -> {
                dialogs.add(dialog.type() + ": " + dialog.message() + " on " + page.url());
                dialog.dismiss();
            });
            for (String path : f.pages()) {
                page.navigate(path);
                page.waitForLoadState();
                page.waitForTimeout(150);
                assertThat(page.locator("img[src='x'], svg[onload], [onerror]").count()).as(path).isZero();
            }
            if (who.equals(f.owner())) {
                // the editor open on a run view, and the builder after an htmx round trip
                page.navigate("/matters/" + f.matter().id() + "/workflows/" + f.instances().get(1).id());
                page.locator("#instance-editor > summary").click();
                for (var summary : page.locator("#instance-editor details > summary").all()) {
                    summary.click();
                }
                // an htmx round trip: the editor's rename swaps in the run view again
                page.locator("#rename").fill("Renamed " + XssFixture.X);
                page.locator("#rename").press("Enter");
                page.locator("#flash").getByText("Workflow renamed").waitFor();
                page.waitForTimeout(500);
                assertThat(page.locator("img[src='x'], svg[onload], [onerror]").count()).isZero();
                page.navigate("/workflows/templates/" + f.templateIds().get(f.templateIds().size() - 1));
                page.waitForLoadState();
                page.waitForTimeout(300);
            }
            page.context().close();
        }
        assertThat(dialogs).as("dialogs opened by payloads").isEmpty();

        // the handler does see an alert: a control
        Page control = signIn(f.owner());
        control.onDialog(dialog -> {
            dialogs.add(dialog.message());
            dialog.dismiss();
        });
        control.evaluate("() => alert('control')");
        control.context().close();
        assertThat(dialogs).containsExactly("control");
    }

    /**
     * The Content-Security-Policy holds in Chromium: markup that slipped into a page cannot run an inline handler, and
     * the refusal reaches the console, where {@link BrowserTests} looks for it after every browser test (a control).
     */
    @Test
    void shouldRefuseInlineHandlersAndReportTheRefusal() {
        XssFixture f = XssFixture.create(directory, templates, instances, runtime, documents);
        Page page = signIn(f.owner());
        page.evaluate("() => document.body.insertAdjacentHTML('beforeend',"
                + " '<img id=\"csp-probe\" src=\"/favicon.ico?probe\" onerror=\"document.title = \\'ran\\'\"'"
                + " + ' onload=\"document.title = \\'ran\\'\">')");
        page.waitForTimeout(500);
        assertThat(page.title()).isNotEqualTo("ran");
        List<String> violations = browser().takePolicyViolations();
        assertThat(violations).as("the refusal on the console").isNotEmpty()
                .anySatisfy(v -> assertThat(v).contains("Content Security Policy"));
        page.context().close();
    }

    /** Swagger UI renders the API under its own policy (inline styles only), with nothing refused on the console. */
    @Test
    void shouldRenderSwaggerUiUnderItsPolicy() {
        Page page = browser().anonymous();
        page.navigate("/swagger-ui/index.html");
        page.locator(".swagger-ui .info .title").waitFor();
        page.locator(".opblock").first().waitFor();
        page.waitForTimeout(500);
        page.context().close();
    }
}
