package io.matterflow.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

import io.matterflow.access.Matters;
import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.directory.Directory;
import io.matterflow.directory.UserAccount;
import io.matterflow.support.PostgresTest;
import io.matterflow.support.TestFirm;
import io.matterflow.support.Workflows;

/**
 * The matter pages: New matter on the Matters page, the Team tab (add and remove people) and the Details tab (edit,
 * close with the unfinished workflows listed and "cancel them and close", reopen), each through htmx as the pages
 * post, with the answer's fragment, its flash message, and what was stored; refusals change nothing.
 */
@PostgresTest
@AutoConfigureMockMvc
class MatterPagesTests {

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
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Matters matters;

    @Test
    void shouldOfferNewMatterToAdminsAndLawyersOnly() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        for (UserAccount who : List.of(firm.admin(), firm.owner(), firm.outsider())) {
            String html = page(get("/matters"), who);
            assertThat(html).as(who.email()).contains("New matter").contains("id=\"new-reference\"")
                    .contains(firm.client().displayName());
        }
        for (UserAccount who : List.of(firm.paralegal(), firm.client())) {
            assertThat(page(get("/matters"), who)).as(who.email()).doesNotContain("New matter");
        }
    }

    @Test
    void shouldOpenAMatterFromTheFormAndGoToIt() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        String reference = "N-" + UUID.randomUUID().toString().substring(0, 8);

        MockHttpServletResponse response = mvc.perform(htmx(post("/matters").param("reference", " " + reference)
                .param("title", "Acme v. Gadget").param("ownerId", firm.owner().id().toString())
                .param("clientId", firm.client().id().toString()), firm.owner())).andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(200);
        UUID id = jdbc.queryForObject("select id from matters where org_id = ? and reference = ?", UUID.class,
                firm.orgId(), reference);
        assertThat(response.getHeader("HX-Redirect")).isEqualTo("/matters/" + id);
        assertThat(jdbc.queryForMap("select title, owner_id, client_id, status from matters where id = ?", id))
                .containsEntry("title", "Acme v. Gadget").containsEntry("owner_id", firm.owner().id())
                .containsEntry("client_id", firm.client().id()).containsEntry("status", "OPEN");

        // without htmx the form redirects; a lawyer's matter without a client
        String second = "N-" + UUID.randomUUID().toString().substring(0, 8);
        response = mvc.perform(as(post("/matters").param("reference", second).param("title", "Second")
                .param("ownerId", firm.owner().id().toString()).param("clientId", ""), firm.associate())
                .with(csrf())).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(302);
        assertThat(response.getRedirectedUrl()).startsWith("/matters/");
        assertThat(jdbc.queryForObject("select count(*) from matters where org_id = ? and reference = ?"
                + " and client_id is null", Long.class, firm.orgId(), second)).isEqualTo(1L);
    }

    @Test
    void shouldRefuseABadNewMatterInTheFlashRegionChangingNothing() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        Map<String, Object> before = snapshot(firm);
        Map<String, String> taken = Map.of("reference", firm.matter().reference(), "title", "Again",
                "ownerId", firm.owner().id().toString());
        MockHttpServletResponse response = mvc.perform(htmx(params(post("/matters"), taken), firm.owner()))
                .andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(response.getHeader("HX-Retarget")).isEqualTo("#flash");
        assertThat(response.getContentAsString()).contains("Reference in use");

        Map<String, String> blank = Map.of("reference", " ", "title", "", "ownerId", firm.paralegal().id().toString());
        response = mvc.perform(htmx(params(post("/matters"), blank), firm.owner())).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains("reference").contains("title")
                .contains("must not be blank");

        response = mvc.perform(htmx(params(post("/matters"), Map.of("reference", "X-1", "title", "T",
                "ownerId", "someone")), firm.owner())).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains("ownerId");
        assertThat(snapshot(firm)).isEqualTo(before);
    }

    @Test
    void shouldShowTheTeamToEveryoneOnTheMatterAndItsControlsToAdminsAndTheOwner() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        for (UserAccount who : List.of(firm.admin(), firm.owner())) {
            String html = page(get("/matters/{id}/team", firm.matter().id()), who);
            assertThat(html).as(who.email()).contains(firm.paralegal().displayName()).contains("Add to team")
                    .contains("Remove " + firm.paralegal().displayName() + " from the team")
                    .contains("id=\"tab-details\"");
        }
        for (UserAccount who : List.of(firm.associate(), firm.paralegal(), firm.client())) {
            String html = page(get("/matters/{id}/team", firm.matter().id()), who);
            assertThat(html).as(who.email()).contains(firm.paralegal().displayName()).contains("Owner")
                    .doesNotContain("Add to team").doesNotContain("Remove ").doesNotContain("id=\"tab-details\"");
        }
    }

    @Test
    void shouldAddAndRemoveAPersonOnTheTeamTab() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        MockHttpServletResponse response = mvc.perform(htmx(post("/matters/{id}/team", firm.matter().id())
                .param("userId", firm.outsider().id().toString()), firm.owner())).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeader("HX-Trigger")).contains("Added " + firm.outsider().displayName());
        assertThat(response.getContentAsString()).startsWith("<div id=\"team\"")
                .contains("Remove " + firm.outsider().displayName() + " from the team");
        assertThat(role(firm, firm.outsider())).containsExactly("LAWYER");

        response = mvc.perform(htmx(post("/matters/{id}/team/{user}/remove", firm.matter().id(),
                firm.paralegal().id()), firm.admin())).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeader("HX-Trigger")).contains("Removed " + firm.paralegal().displayName());
        assertThat(role(firm, firm.paralegal())).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from audit_events where stream_id = ? and action = ?",
                Long.class, firm.matter().id(), "matter.members")).isEqualTo(2L);

        Map<String, Object> before = snapshot(firm);
        response = mvc.perform(htmx(post("/matters/{id}/team", firm.matter().id()).param("userId", ""),
                firm.owner())).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains("userId");
        response = mvc.perform(htmx(post("/matters/{id}/team", firm.matter().id())
                .param("userId", TestFirm.create(directory).owner().id().toString()), firm.owner()))
                .andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains("is not a user of this organization");
        assertThat(snapshot(firm)).isEqualTo(before);
    }

    @Test
    void shouldEditTheDetailsAndRemoveTheClient() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        assertThat(page(get("/matters/{id}/details", firm.matter().id()), firm.owner()))
                .contains("value=\"" + firm.matter().reference() + "\"").contains("Close matter");

        MockHttpServletResponse response = mvc.perform(htmx(post("/matters/{id}/details", firm.matter().id())
                .param("reference", firm.matter().reference() + "-A").param("title", "Renamed")
                .param("ownerId", firm.owner().id().toString()).param("clientId", ""), firm.owner()))
                .andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeader("HX-Trigger")).contains("Saved the details of " + firm.matter().reference()
                + "-A");
        assertThat(response.getContentAsString()).startsWith("<div id=\"details\"").contains("Renamed")
                .contains("<option value=\"\" selected=\"selected\">No client</option>");
        assertThat(jdbc.queryForMap("select reference, title, owner_id, client_id from matters where id = ?",
                firm.matter().id())).containsEntry("reference", firm.matter().reference() + "-A")
                .containsEntry("title", "Renamed").containsEntry("owner_id", firm.owner().id())
                .containsEntry("client_id", null);
    }

    @Test
    void shouldSendAnOwnerWhoHandsTheMatterOverAwayFromItsDetails() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        MockHttpServletResponse response = mvc.perform(htmx(handOver(firm, firm.associate()), firm.owner()))
                .andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeader("HX-Redirect")).as("no longer on the matter").isEqualTo("/matters");
        assertThat(jdbc.queryForObject("select owner_id from matters where id = ?", UUID.class, firm.matter().id()))
                .isEqualTo(firm.associate().id());
        assertThat(status(get("/matters/{id}/details", firm.matter().id()), firm.owner())).isEqualTo(404);
        assertThat(status(get("/matters/{id}/details", firm.matter().id()), firm.associate())).isEqualTo(200);

        // an admin who hands it on still manages it: the tab stays
        response = mvc.perform(htmx(handOver(firm, firm.outsider()), firm.admin())).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeader("HX-Redirect")).isNull();
        assertThat(response.getContentAsString()).startsWith("<div id=\"details\"");
        // an owner who is also on the team still sees the matter: to its Workflows tab
        mvc.perform(htmx(handOver(firm, firm.associate()), firm.admin())).andReturn();
        response = mvc.perform(htmx(handOver(firm, firm.outsider()), firm.associate())).andReturn().getResponse();
        assertThat(response.getHeader("HX-Redirect")).isEqualTo("/matters/" + firm.matter().id());
    }

    private static AbstractMockHttpServletRequestBuilder<?> handOver(TestFirm firm, UserAccount owner) {
        return post("/matters/{id}/details", firm.matter().id()).param("reference", firm.matter().reference())
                .param("title", firm.matter().title()).param("ownerId", owner.id().toString())
                .param("clientId", firm.client().id().toString());
    }

    @Test
    void shouldListUnfinishedWorkflowsWhenClosingAndCancelThemWhenConfirmed() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        InstanceDetails active = workflows.instance(firm, Workflows.step("Review", ActionType.APPROVAL_LAWYER,
                RoleScope.LAWYER, true));
        InstanceDetails draft = workflows.draft(firm, Workflows.step("Check", ActionType.CHECKLIST,
                RoleScope.PARALEGAL, true));
        Map<String, Object> before = snapshot(firm);

        MockHttpServletResponse refused = mvc.perform(htmx(post("/matters/{id}/status", firm.matter().id())
                .param("status", "CLOSED"), firm.owner())).andReturn().getResponse();

        assertThat(refused.getStatus()).isEqualTo(409);
        assertThat(refused.getHeader("HX-Retarget")).isEqualTo("#details");
        String html = refused.getContentAsString();
        assertThat(html).startsWith("<div id=\"details\"").contains("This matter has 2 unfinished workflows")
                .contains(active.title()).contains("/workflows/" + active.id()).contains("/workflows/" + draft.id())
                .contains("Cancel them and close").contains("cancelActiveWorkflows=true")
                .doesNotContain("id=\"close-matter\"");
        assertThat(snapshot(firm)).as("refused, nothing changes").isEqualTo(before);

        MockHttpServletResponse closed = mvc.perform(htmx(post("/matters/{id}/status", firm.matter().id())
                .param("status", "CLOSED").param("cancelActiveWorkflows", "true"), firm.owner()))
                .andReturn().getResponse();
        assertThat(closed.getStatus()).isEqualTo(200);
        assertThat(closed.getHeader("HX-Trigger")).contains("and canceled its unfinished workflows");
        assertThat(closed.getContentAsString()).contains("Reopen matter").contains("Closed");
        assertThat(jdbc.queryForList("select status from workflow_instances where matter_id = ?", String.class,
                firm.matter().id())).containsOnly("CANCELED");

        // closed: shown so in the list, and no workflow can be started from its Workflows tab
        assertThat(page(get("/matters"), firm.owner())).contains("badge CLOSED");
        String workflowsTab = page(get("/matters/{id}", firm.matter().id()), firm.owner());
        assertThat(workflowsTab).contains("No workflow can be started on a closed matter")
                .doesNotContain("Start a workflow");

        MockHttpServletResponse reopened = mvc.perform(htmx(post("/matters/{id}/status", firm.matter().id())
                .param("status", "OPEN"), firm.admin())).andReturn().getResponse();
        assertThat(reopened.getStatus()).isEqualTo(200);
        assertThat(reopened.getHeader("HX-Trigger")).contains("Reopened");
        assertThat(page(get("/matters/{id}", firm.matter().id()), firm.owner())).contains("Start a workflow");
    }

    @Test
    void shouldAddChangeAndRemoveAKeyDateOnTheDetailsTab() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        UUID matter = firm.matter().id();
        assertThat(page(get("/matters/{id}/details", matter), firm.owner()))
                .contains("<h2 id=\"key-dates-heading\">Key dates</h2>", "No key dates yet.", "id=\"key-date-form\"",
                        "<label for=\"key-date-name\">Name</label>", "<label for=\"key-date-date\">Date</label>",
                        "Due dates that count from a key date move when it changes.");

        MockHttpServletResponse response = mvc.perform(htmx(post("/matters/{id}/key-dates", matter)
                .param("name", " Trial ").param("date", "2027-03-01"), firm.owner())).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeader("HX-Trigger")).contains("Added key date Trial: 1 Mar 2027");
        assertThat(response.getContentAsString()).startsWith("<div id=\"details\"").contains("<td>Trial</td>",
                "datetime=\"2027-03-01\"", "aria-label=\"Remove the key date Trial\"");
        assertThat(keyDates(firm)).containsExactly(Map.entry("Trial", LocalDate.of(2027, 3, 1)));

        // the name again, whatever its case, moves the date
        response = mvc.perform(htmx(post("/matters/{id}/key-dates", matter).param("name", "TRIAL")
                .param("date", "2027-04-12"), firm.admin())).andReturn().getResponse();
        assertThat(response.getHeader("HX-Trigger")).contains("Key date TRIAL is now 12 Apr 2027");
        mvc.perform(htmx(post("/matters/{id}/key-dates", matter).param("name", "Hearing").param("date", "2027-01-10"),
                firm.owner())).andReturn();
        assertThat(keyDates(firm)).containsExactly(Map.entry("Hearing", LocalDate.of(2027, 1, 10)),
                Map.entry("TRIAL", LocalDate.of(2027, 4, 12)));

        response = mvc.perform(htmx(post("/matters/{id}/key-dates/remove", matter).param("name", "trial"),
                firm.owner())).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeader("HX-Trigger")).contains("Removed key date trial");
        assertThat(response.getContentAsString()).contains("<td>Hearing</td>").doesNotContain("TRIAL");
        assertThat(keyDates(firm)).containsExactly(Map.entry("Hearing", LocalDate.of(2027, 1, 10)));
        assertThat(jdbc.queryForObject("select count(*) from audit_events where stream_id = ? and action = ?",
                Long.class, matter, "matter.key-dates")).isEqualTo(4L);
    }

    @Test
    void shouldShowARefusedKeyDateOnItsFormChangingNothing() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        MockHttpServletResponse response = mvc.perform(htmx(post("/matters/{id}/key-dates", firm.matter().id())
                .param("name", " ").param("date", "2027-02-30"), firm.owner())).andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeader("HX-Trigger")).contains("Key date not saved");
        assertThat(response.getContentAsString()).startsWith("<div id=\"details\"")
                .containsSubsequence("id=\"key-date-name\"", "aria-invalid=\"true\"", "id=\"key-date-name-error\"")
                .containsSubsequence("id=\"key-date-date\"", "value=\"2027-02-30\"", "aria-invalid=\"true\"",
                        "<div class=\"field-error\" id=\"key-date-date-error\">must be a date (YYYY-MM-DD)</div>");
        assertThat(keyDates(firm)).isEmpty();
    }

    @Test
    void shouldKeepKeyDatesFromALawyerWhoIsNotTheOwner() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        UUID matter = firm.matter().id();
        mvc.perform(htmx(post("/matters/{id}/key-dates", matter).param("name", "Trial").param("date", "2027-03-01"),
                firm.owner())).andReturn();

        assertThat(status(get("/matters/{id}/details", matter), firm.associate())).as("no form").isEqualTo(403);
        assertThat(page(get("/matters/{id}/team", matter), firm.associate())).doesNotContain("key-date-form");
        assertThat(mvc.perform(htmx(post("/matters/{id}/key-dates", matter).param("name", "Trial")
                .param("date", "2027-05-01"), firm.associate())).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(htmx(post("/matters/{id}/key-dates/remove", matter).param("name", "Trial"),
                firm.associate())).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(keyDates(firm)).containsExactly(Map.entry("Trial", LocalDate.of(2027, 3, 1)));
    }

    // ---------------------------------------------------------------------------------------------------------------

    private Map<String, LocalDate> keyDates(TestFirm firm) {
        return matters.keyDates(firm.as(firm.owner()), firm.matter().id());
    }

    private String page(AbstractMockHttpServletRequestBuilder<?> request, UserAccount who) throws Exception {
        MockHttpServletResponse response = mvc.perform(as(request, who)).andReturn().getResponse();
        assertThat(response.getStatus()).as(who.email()).isEqualTo(200);
        return response.getContentAsString();
    }

    private int status(AbstractMockHttpServletRequestBuilder<?> request, UserAccount who) throws Exception {
        return mvc.perform(as(request, who)).andReturn().getResponse().getStatus();
    }

    private AbstractMockHttpServletRequestBuilder<?> as(AbstractMockHttpServletRequestBuilder<?> request,
                                                        UserAccount who) {
        return request.with(user(users.loadUserByUsername(who.email())));
    }

    private AbstractMockHttpServletRequestBuilder<?> htmx(AbstractMockHttpServletRequestBuilder<?> request,
                                                          UserAccount who) {
        return as(request, who).with(csrf()).header("HX-Request", "true");
    }

    private static AbstractMockHttpServletRequestBuilder<?> params(AbstractMockHttpServletRequestBuilder<?> request,
                                                                   Map<String, String> params) {
        params.forEach(request::param);
        return request;
    }

    private List<String> role(TestFirm firm, UserAccount user) {
        return jdbc.queryForList("select role from matter_members where matter_id = ? and user_id = ?", String.class,
                firm.matter().id(), user.id());
    }

    /** The firm's matters, teams, instances and audit: what a refused page post must leave as it was. */
    private Map<String, Object> snapshot(TestFirm firm) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("matters", jdbc.queryForList("select id, reference, title, owner_id, client_id, status, version"
                + " from matters where org_id = ? order by id", firm.orgId()));
        s.put("members", jdbc.queryForList("select m.matter_id, m.user_id, m.role from matter_members m"
                + " join matters x on x.id = m.matter_id where x.org_id = ? order by 1, 2", firm.orgId()));
        s.put("instances", jdbc.queryForList("select id, status, version from workflow_instances where org_id = ?"
                + " order by id", firm.orgId()));
        s.put("audit", jdbc.queryForObject("select count(*) from audit_events where org_id = ?", Long.class,
                firm.orgId()));
        return s;
    }
}
