package io.matterflow.template;

import static io.matterflow.support.UiRequests.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.calendar.DueAnchor;
import io.matterflow.calendar.DueRule;
import io.matterflow.calendar.DueUnit;
import io.matterflow.directory.Directory;
import io.matterflow.support.H2Test;
import io.matterflow.support.TestFirm;
import io.matterflow.support.UiRequests;

/**
 * The template builder's "Due" fields as the page posts them: saved as the step's due rule and shown again, the other
 * step followed through a reorder, a bad rule refused beside its fields.
 */
@H2Test
@AutoConfigureMockMvc
class TemplateBuilderTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    UserDetailsService users;
    @Autowired
    Directory directory;
    @Autowired
    Templates templates;

    UiRequests ui;
    TestFirm firm;
    TemplateDetails draft;

    @BeforeEach
    void draft() {
        ui = new UiRequests(mvc, users);
        firm = TestFirm.create(directory);
        draft = templates.create(firm.as(firm.owner()), "Litigation", null, List.of(
                new StepDefinition("Conflict check", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true, null),
                new StepDefinition("Engagement letter", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true, null)));
    }

    @Test
    void shouldSaveTheDueRuleOfItsFieldsAndShowItAgain() throws Exception {
        var saved = ui.htmx(rows().param("steps[1].dueRule.due", "true")
                .param("steps[1].dueRule.offset", "3").param("steps[1].dueRule.unit", "BUSINESS_DAYS")
                .param("steps[1].dueRule.before", "false").param("steps[1].dueRule.anchor", "STEP_COMPLETED")
                .param("steps[1].dueRule.step", "0").param("steps[1].dueRule.keyDate", "ignored: not a key date rule")
                .param("steps[0].dueRule.due", "true").param("steps[0].dueRule.offset", "10")
                .param("steps[0].dueRule.before", "true").param("steps[0].dueRule.unit", "CALENDAR_DAYS")
                .param("steps[0].dueRule.anchor", "KEY_DATE").param("steps[0].dueRule.keyDate", " Trial "),
                firm.owner());

        assertThat(ok(saved)).contains("id=\"due-1-step\"");
        assertThat(saved.getHeader("HX-Trigger")).contains("Draft saved");
        assertThat(templates.get(firm.as(firm.owner()), draft.id()).steps()).extracting(TemplateStep::dueRule)
                .containsExactly(new DueRule(-10, DueUnit.CALENDAR_DAYS, DueAnchor.KEY_DATE, null, null, "Trial"),
                        new DueRule(3, DueUnit.BUSINESS_DAYS, DueAnchor.STEP_COMPLETED, 0, null, null));

        String page = ok(ui.page(get("/workflows/templates/{id}", draft.id()), firm.owner()));
        assertThat(page).contains("<legend>Due date<span class=\"sr-only\"> of step 1</span></legend>",
                        "<label class=\"sr-only\" for=\"due-1-unit\">Unit, step 2</label>", "list=\"due-0-key-dates\"",
                        "name=\"steps[0].dueRule.keyDate\" value=\"Trial\"")
                .containsSubsequence("name=\"steps[1].dueRule.offset\"", "value=\"3\"", "id=\"due-1-unit\"")
                .containsSubsequence("id=\"due-1-step\"",
                        "<option value=\"0\" selected=\"selected\">Step 1: Conflict check</option>")
                .doesNotContain("<option value=\"1\" selected=\"selected\">Step 2")
                .doesNotContain(" style=\"");
    }

    @Test
    void shouldKeepTheOtherStepOfARuleWhenRowsAreReordered() throws Exception {
        // the second row was dragged to the top: its rule names the first row as the page sent it
        ok(ui.htmx(post("/workflows/templates/{id}", draft.id()).param("name", "Litigation")
                .param("steps[0].title", "Conflict check").param("steps[0].actionType", "APPROVAL_LAWYER")
                .param("steps[0].roleScope", "LAWYER").param("steps[0].order", "1")
                .param("steps[1].title", "Engagement letter").param("steps[1].actionType", "APPROVAL_LAWYER")
                .param("steps[1].roleScope", "LAWYER").param("steps[1].order", "0")
                .param("steps[1].dueRule.due", "true").param("steps[1].dueRule.offset", "2")
                .param("steps[1].dueRule.unit", "HOURS").param("steps[1].dueRule.anchor", "STEP_COMPLETED")
                .param("steps[1].dueRule.step", "0"), firm.owner()));

        var steps = templates.get(firm.as(firm.owner()), draft.id()).steps();
        assertThat(steps).extracting(TemplateStep::title).containsExactly("Engagement letter", "Conflict check");
        assertThat(steps.get(0).dueRule()).isEqualTo(new DueRule(2, DueUnit.HOURS, DueAnchor.STEP_COMPLETED, 1, null,
                null));
    }

    @Test
    void shouldShowARuleNamingItsOwnStepAsAnErrorBesideItsFields() throws Exception {
        String answer = ok(ui.htmx(rows().param("steps[1].dueRule.due", "true")
                .param("steps[1].dueRule.offset", "1").param("steps[1].dueRule.unit", "BUSINESS_DAYS")
                .param("steps[1].dueRule.anchor", "STEP_COMPLETED").param("steps[1].dueRule.step", "1"),
                firm.owner()));

        assertThat(answer).containsSubsequence("id=\"due-1-step\"", "aria-invalid=\"true\"",
                "<div class=\"field-error\">must be the position of another step of this template (0 to 1)</div>");
        assertThat(templates.get(firm.as(firm.owner()), draft.id()).steps()).extracting(TemplateStep::dueRule)
                .containsOnlyNulls();
    }

    @Test
    void shouldOfferNoDueDateForANewRowAndTakeAwayARuleSetToNone() throws Exception {
        ok(ui.htmx(rows().param("steps[0].dueRule.due", "true").param("steps[0].dueRule.anchor", "INSTANCE_START")
                .param("steps[0].dueRule.unit", "CALENDAR_DAYS"), firm.owner()));
        assertThat(templates.get(firm.as(firm.owner()), draft.id()).steps().get(0).dueRule())
                .as("a blank number is 0: on the anchor's day")
                .isEqualTo(new DueRule(0, DueUnit.CALENDAR_DAYS, DueAnchor.INSTANCE_START, null, null, null));

        String added = ok(ui.htmx(rows().param("op", "add").param("steps[0].dueRule.due", "true")
                .param("steps[0].dueRule.anchor", "INSTANCE_START"), firm.owner()));
        assertThat(added).containsSubsequence("id=\"due-2\"",
                "<option value=\"false\" selected=\"selected\">No due date</option>");

        ok(ui.htmx(rows().param("steps[0].dueRule.due", "false").param("steps[0].dueRule.anchor", "INSTANCE_START"),
                firm.owner()));
        assertThat(templates.get(firm.as(firm.owner()), draft.id()).steps()).extracting(TemplateStep::dueRule)
                .containsOnlyNulls();
    }

    /** The draft's two rows as the builder posts them, without due rules. */
    private MockHttpServletRequestBuilder rows() {
        return post("/workflows/templates/{id}", draft.id()).param("name", "Litigation")
                .param("steps[0].title", "Conflict check").param("steps[0].actionType", "APPROVAL_LAWYER")
                .param("steps[0].roleScope", "LAWYER").param("steps[0].order", "0")
                .param("steps[1].title", "Engagement letter").param("steps[1].actionType", "APPROVAL_LAWYER")
                .param("steps[1].roleScope", "LAWYER").param("steps[1].order", "1");
    }
}
