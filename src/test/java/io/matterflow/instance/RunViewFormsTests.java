package io.matterflow.instance;

import static io.matterflow.support.Workflows.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

import io.matterflow.action.ActionState;
import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.calendar.DueAnchor;
import io.matterflow.calendar.DueRule;
import io.matterflow.calendar.DueUnit;
import io.matterflow.directory.Directory;
import io.matterflow.directory.UserAccount;
import io.matterflow.support.H2Test;
import io.matterflow.support.TestFirm;
import io.matterflow.support.Workflows;

/**
 * The run view's forms as the page posts them: each type's completion fragment, whose fields the type's ActionForm
 * maps to the payload, and the instance editor's "Add a step" with every type's settings from its ActionForm.
 */
@H2Test
@AutoConfigureMockMvc
class RunViewFormsTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    Directory directory;
    @Autowired
    Workflows workflows;
    @Autowired
    Instances instances;
    @Autowired
    UserDetailsService users;

    @Test
    void shouldCompleteAChecklistAndRejectAnApprovalWithTheFieldsTheirFragmentsPost() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        var instance = workflows.instance(firm,
                step("Open the file", ActionType.CHECKLIST, RoleScope.LAWYER, false,
                        Map.of("items", List.of("Conflict search filed"))),
                step("Partner approval", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, false));
        UUID checklist = instance.steps().get(0).id();
        UUID approval = instance.steps().get(1).id();
        String run = "/matters/" + instance.matterId() + "/workflows/" + instance.id();

        String page = body(as(get(run), firm.owner()));
        assertThat(page).contains("id=\"chk-" + checklist + "-0\"", "Complete checklist")
                .doesNotContain("aria-label=\"Start Open the file\"");

        body(htmx(post("/workflows/steps/{id}/complete", checklist).param("checked", "Conflict search filed"),
                firm.owner()));
        var done = instances.step(firm.as(firm.owner()), checklist);
        assertThat(done.actionState()).isEqualTo(ActionState.COMPLETED);
        assertThat(done.actionData()).containsEntry("checked", List.of("Conflict search filed"));

        body(htmx(post("/workflows/steps/{id}/claim", approval), firm.owner()));
        body(htmx(post("/workflows/steps/{id}/start", approval), firm.owner()));
        String answer = body(htmx(post("/workflows/steps/{id}/complete", approval).param("approved", "false")
                .param("comment", "  Conflict with Widget Co.  "), firm.owner()));
        var rejected = instances.step(firm.as(firm.owner()), approval);
        assertThat(rejected.actionState()).isEqualTo(ActionState.FAILED);
        assertThat(rejected.actionData()).containsEntry("approved", false)
                .containsEntry("comment", "Conflict with Widget Co.");
        assertThat(answer).startsWith("<div id=\"run\" hx-target=\"#run\" hx-swap=\"outerHTML\">")
                .doesNotContain(" style=\"", " onclick=");
    }

    @Test
    void shouldOfferEveryTypesSettingsInAddAStepAndStoreTheChosenOnes() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        var instance = workflows.instance(firm,
                step("Conflict check", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true));
        String run = "/matters/" + instance.matterId() + "/workflows/" + instance.id();

        String page = body(as(get(run), firm.owner()));
        assertThat(page).contains("<fieldset class=\"plain\" data-action-type=\"APPROVAL_LAWYER\">",
                "id=\"new-cfg-REQUEST_DOC_CLIENT-requestText\" name=\"config.requestText\"",
                "id=\"new-cfg-PAYMENT_CLIENT-amount\" name=\"config.amount\"");
        assertThat(page).containsSubsequence("<option value=\"APPROVAL_LAWYER\">", "<option value=\"SIGNATURE_CLIENT\">",
                "<option value=\"REQUEST_DOC_CLIENT\">", "<option value=\"PAYMENT_CLIENT\">", "<option value=\"CHECKLIST\">");
        // the other types' settings are hidden and post nothing until their type is chosen (app.js)
        assertThat(page).containsPattern("data-action-type=\"CHECKLIST\" (disabled=\"disabled\" hidden=\"hidden\""
                + "|hidden=\"hidden\" disabled=\"disabled\")>");

        body(htmx(post("/workflows/instances/{id}/steps", instance.id()).param("title", "Proof of address")
                .param("actionType", "REQUEST_DOC_CLIENT").param("roleScope", "CLIENT").param("required", "true")
                .param("config.requestText", "A recent utility bill")
                .param("config.acceptedTypes", "application/pdf, .pdf"), firm.owner()));
        var added = instances.get(firm.as(firm.owner()), instance.id()).steps().get(1);
        assertThat(added.actionType()).isEqualTo(ActionType.REQUEST_DOC_CLIENT);
        assertThat(added.actionConfig()).containsEntry("requestText", "A recent utility bill")
                .containsEntry("acceptedTypes", List.of("application/pdf", ".pdf"));
    }

    @Test
    void shouldAddAStepWithADueRuleAndTakeTheRuleAwayWithNoDueDate() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        var instance = workflows.instance(firm,
                step("Conflict check", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true));
        UUID conflict = instance.steps().get(0).id();
        String run = "/matters/" + instance.matterId() + "/workflows/" + instance.id();
        assertThat(body(as(get(run), firm.owner())))
                .contains("<legend>Due date<span class=\"sr-only\"> of the new step</span></legend>",
                        "<label class=\"sr-only\" for=\"new-due-step\">The other step, the new step</label>",
                        "id=\"new-due\" name=\"due\"")
                .containsSubsequence("id=\"new-due-step\" name=\"stepId\"", "<option value=\"" + conflict + "\">");

        body(htmx(post("/workflows/instances/{id}/steps", instance.id()).param("title", "Engagement letter")
                .param("actionType", "APPROVAL_LAWYER").param("roleScope", "LAWYER").param("required", "true")
                .param("due", "true").param("offset", "3").param("unit", "BUSINESS_DAYS").param("before", "false")
                .param("anchor", "STEP_COMPLETED").param("stepId", conflict.toString()).param("keyDate", ""),
                firm.owner()));
        UUID letter = instances.get(firm.as(firm.owner()), instance.id()).steps().get(1).id();
        assertThat(instances.step(firm.as(firm.owner()), letter).due().rule())
                .isEqualTo(new DueRule(3, DueUnit.BUSINESS_DAYS, DueAnchor.STEP_COMPLETED, null, conflict, null));

        // its settings show the rule; the other step's choices leave the step itself out
        String editor = body(as(get(run), firm.owner()));
        assertThat(editor).containsSubsequence("id=\"edit-due-" + letter + "-step\"",
                "<option value=\"" + conflict + "\" selected=\"selected\">Conflict check</option>", "</select>");
        String choices = editor.substring(editor.indexOf("id=\"edit-due-" + conflict + "-step\""));
        assertThat(choices.substring(0, choices.indexOf("</select>"))).contains("form=\"edit-" + conflict + "\"")
                .contains("<option value=\"" + letter + "\">").doesNotContain("value=\"" + conflict + "\"");
        assertThat(editor).doesNotContain(" style=\"");

        // the row's Save posts no due fields: the rule stays; "No due date" takes it away
        body(htmx(post("/workflows/instances/{id}/steps/{sid}/edit", instance.id(), letter)
                .param("title", "Engagement letter signed"), firm.owner()));
        assertThat(instances.step(firm.as(firm.owner()), letter).due()).isNotNull();
        body(htmx(post("/workflows/instances/{id}/steps/{sid}/edit", instance.id(), letter)
                .param("due", "false").param("offset", "3").param("anchor", "STEP_COMPLETED")
                .param("stepId", conflict.toString()), firm.owner()));
        assertThat(instances.step(firm.as(firm.owner()), letter).due()).isNull();
    }

    @Test
    void shouldRefuseDueFieldsNoPageSendsNamingTheField() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        var instance = workflows.instance(firm,
                step("Conflict check", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true));

        MockHttpServletResponse refused = mvc.perform(htmx(post("/workflows/instances/{id}/steps", instance.id())
                .param("title", "Letter").param("actionType", "APPROVAL_LAWYER").param("roleScope", "LAWYER")
                .param("due", "true").param("offset", "many").param("anchor", "SOMEDAY"), firm.owner()))
                .andReturn().getResponse();

        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getHeader("HX-Retarget")).isEqualTo("#flash");
        assertThat(refused.getContentAsString()).contains("offset", "anchor");
        assertThat(instances.get(firm.as(firm.owner()), instance.id()).steps()).hasSize(1);
    }

    @Test
    void shouldFillTheDocumentFieldItWasAskedForAndRefuseOtherNames() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        var instance = workflows.draft(firm,
                step("Engagement letter", ActionType.SIGNATURE_CLIENT, RoleScope.CLIENT, true,
                        Map.of("documentId", "dms://letters/1")));
        UUID signature = instance.steps().get(0).id();
        var file = new MockMultipartFile("file", "letter.pdf", "application/pdf", "%PDF-1.4 letter".getBytes());

        String field = body(htmx(multipart("/workflows/instances/{id}/documents", instance.id()).file(file)
                .param("stepId", signature.toString()), firm.owner()));
        assertThat(field).contains("id=\"edit-cfg-" + signature + "-documentId\"", "name=\"config.documentId\"",
                "form=\"edit-" + signature + "\"");

        MockHttpServletResponse refused = mvc.perform(htmx(multipart("/workflows/instances/{id}/documents",
                instance.id()).file(file).param("stepId", signature.toString()).param("field", "x\" onfocus=\"alert(1)"),
                firm.owner())).andReturn().getResponse();
        assertThat(refused.getStatus()).isEqualTo(400);
    }

    private String body(AbstractMockHttpServletRequestBuilder<?> request) throws Exception {
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        return response.getContentAsString();
    }

    private AbstractMockHttpServletRequestBuilder<?> as(AbstractMockHttpServletRequestBuilder<?> request,
                                                        UserAccount who) {
        return request.with(user(users.loadUserByUsername(who.email())));
    }

    private AbstractMockHttpServletRequestBuilder<?> htmx(AbstractMockHttpServletRequestBuilder<?> request,
                                                          UserAccount who) {
        return as(request, who).with(csrf()).header("HX-Request", "true");
    }
}
