package io.matterflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

import io.matterflow.directory.Directory;
import io.matterflow.directory.UserAccount;
import io.matterflow.instance.Instances;
import io.matterflow.instance.StepDocuments;
import io.matterflow.instance.StepRuntime;
import io.matterflow.support.H2Test;
import io.matterflow.support.TestFirm;
import io.matterflow.template.Templates;

/**
 * HTML and script in every user-supplied field are rendered inert: every UI page, seen by each role, and the htmx
 * fragments the editor and builder posts answer with, contain the payloads only escaped — no script element calling
 * alert, no element with an onerror or onload attribute.
 */
@H2Test
@AutoConfigureMockMvc
class XssTests {

    @Autowired
    MockMvc mvc;
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
    @Autowired
    UserDetailsService users;

    @Test
    void shouldRenderEveryUserSuppliedFieldInertOnEveryPage() throws Exception {
        XssFixture f = XssFixture.create(directory, templates, instances, runtime, documents);
        int escaped = 0;
        for (UserAccount who : List.of(f.admin(), f.owner(), f.paralegal(), f.client())) {
            for (String page : f.pages()) {
                MockHttpServletResponse response = mvc.perform(as(get(page), who)).andReturn().getResponse();
                String body = response.getContentAsString();
                assertInert(page + " as " + who.email(), body);
                if (body.contains("&lt;script&gt;alert(1)&lt;/script&gt;")) {
                    escaped++;
                }
            }
        }
        assertThat(escaped).as("the payloads are shown, escaped, on the pages").isGreaterThan(20);
    }

    @Test
    void shouldRenderHtmxFragmentsAndTheLoginAndErrorPagesInert() throws Exception {
        XssFixture f = XssFixture.create(directory, templates, instances, runtime, documents);
        var run = f.instances().get(1);
        String x = XssFixture.X;
        MockHttpServletResponse response = mvc.perform(as(post("/workflows/instances/{id}/steps", run.id())
                .param("title", "Added " + x).param("actionType", "CHECKLIST").param("roleScope", "PARALEGAL")
                .param("config.items", "Item " + x), f.owner()).with(csrf())).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        assertInert("add step", response.getContentAsString());

        response = mvc.perform(as(post("/workflows/instances/{id}/update", run.id()).param("title", "Renamed " + x),
                f.owner()).with(csrf())).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        assertInert("rename", response.getContentAsString());

        response = mvc.perform(as(post("/workflows/templates/{id}", f.templateIds().get(f.templateIds().size() - 1))
                .param("op", "add").param("name", "Name " + x).param("description", "Desc " + x)
                .param("steps[0].title", "Row " + x).param("steps[0].actionType", "CHECKLIST")
                .param("steps[0].roleScope", "PARALEGAL").param("steps[0].order", "0")
                .param("steps[0].config.items", "Item " + x), f.owner()).with(csrf())).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        assertInert("builder add row", response.getContentAsString());

        response = mvc.perform(as(get("/workflows/templates").param("q", x), f.owner())).andReturn().getResponse();
        assertInert("template search", response.getContentAsString());

        response = mvc.perform(get("/login").param("error", x)).andReturn().getResponse();
        assertInert("login", response.getContentAsString());

        response = mvc.perform(as(post("/people").param("email", "x" + System.nanoTime() + "@firm.test")
                .param("displayName", "Invited " + x).param("role", "PARALEGAL"), f.admin()).with(csrf())
                .header("HX-Request", "true")).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).contains("Invited x &lt;script&gt;");
        assertInert("people after an invitation", response.getContentAsString());
        // the HX-Trigger message carries the name as text: app.js shows it with textContent

        response = mvc.perform(as(post("/people").param("email", x).param("displayName", x).param("role", "LAWYER"),
                f.admin()).with(csrf()).header("HX-Request", "true")).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(400);
        assertInert("refused invitation", response.getContentAsString());

        response = mvc.perform(get("/password/set").param("token", x)).andReturn().getResponse();
        assertInert("set-password page", response.getContentAsString());
        response = mvc.perform(post("/password/set").param("token", x).param("password", x)
                .param("confirmPassword", x).with(csrf())).andReturn().getResponse();
        assertInert("set-password refused", response.getContentAsString());
        response = mvc.perform(post("/password/forgot").param("email", x).with(csrf())).andReturn().getResponse();
        assertInert("forgot-password answer", response.getContentAsString());

        TestFirm other = TestFirm.create(directory);
        response = mvc.perform(as(get("/matters/{id}", f.matter().id()), other.admin())).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(404);
        assertInert("not found", response.getContentAsString());
    }

    /**
     * The matter tabs' htmx answers: the Details tab refusing to close (listing the workflows' titles), saving the
     * details, adding to and removing from the team; and opening a matter whose title and reference carry the
     * payloads.
     */
    @Test
    void shouldRenderTheMatterTabsFragmentsInert() throws Exception {
        XssFixture f = XssFixture.create(directory, templates, instances, runtime, documents);
        String x = XssFixture.X;
        MockHttpServletResponse response = mvc.perform(htmx(post("/matters/{id}/status", f.matter().id())
                .param("status", "CLOSED"), f.owner())).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(response.getContentAsString()).contains("Cancel them and close")
                .contains("Run x &lt;script&gt;alert(1)&lt;/script&gt;");
        assertInert("close refused", response.getContentAsString());

        response = mvc.perform(htmx(post("/matters/{id}/details", f.matter().id()).param("reference", "R " + x)
                .param("title", "Title " + x).param("ownerId", f.owner().id().toString())
                .param("clientId", f.client().id().toString()), f.owner())).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(400);
        assertInert("details refused", response.getContentAsString());
        response = mvc.perform(htmx(post("/matters/{id}/details", f.matter().id()).param("reference", "R<b>" + 1)
                .param("title", "Title " + x).param("ownerId", f.owner().id().toString())
                .param("clientId", f.client().id().toString()), f.owner())).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        assertInert("details saved", response.getContentAsString());

        response = mvc.perform(htmx(post("/matters/{id}/team", f.matter().id())
                .param("userId", f.admin().id().toString()), f.owner())).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).contains("Admin x &lt;script&gt;");
        assertInert("member added", response.getContentAsString());
        response = mvc.perform(htmx(post("/matters/{id}/team/{user}/remove", f.matter().id(), f.admin().id()),
                f.owner())).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        assertInert("member removed", response.getContentAsString());

        response = mvc.perform(htmx(post("/matters").param("reference", "N <i>" + f.orgId().toString().substring(0, 8))
                .param("title", "New " + x).param("ownerId", f.owner().id().toString()), f.admin()))
                .andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        String created = response.getHeader("HX-Redirect");
        assertThat(created).startsWith("/matters/");
        response = mvc.perform(as(get(created), f.admin())).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        assertInert("new matter", response.getContentAsString());
        for (String page : List.of("/matters", created + "/team", created + "/details")) {
            assertInert(page, mvc.perform(as(get(page), f.admin())).andReturn().getResponse().getContentAsString());
        }
    }

    private AbstractMockHttpServletRequestBuilder<?> htmx(AbstractMockHttpServletRequestBuilder<?> request,
                                                          UserAccount who) {
        return as(request, who).with(csrf()).header("HX-Request", "true");
    }

    static void assertInert(String where, String body) {
        assertThat(body).as(where).doesNotContain(XssFixture.SCRIPT).doesNotContain("<img src=x")
                .doesNotContain("<svg onload");
        assertThat(XssFixture.activeMarkup(body)).as("%s has active markup", where).isNull();
    }

    private AbstractMockHttpServletRequestBuilder<?> as(AbstractMockHttpServletRequestBuilder<?> request,
                                                        UserAccount who) {
        return request.with(user(users.loadUserByUsername(who.email())));
    }
}
