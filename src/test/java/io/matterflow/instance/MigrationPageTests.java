package io.matterflow.instance;

import static io.matterflow.support.UiRequests.ok;
import static io.matterflow.support.Workflows.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.directory.Directory;
import io.matterflow.support.H2Test;
import io.matterflow.support.TestFirm;
import io.matterflow.support.UiRequests;
import io.matterflow.support.Workflows;
import io.matterflow.template.TemplateChanges;

/** The template page's "Migrate running instances": versions, the dry run's table, confirming, the results. */
@H2Test
@AutoConfigureMockMvc
class MigrationPageTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    Directory directory;
    @Autowired
    UserDetailsService users;
    @Autowired
    Workflows workflows;

    UiRequests ui;

    @BeforeEach
    void requests() {
        ui = new UiRequests(mvc, users);
    }

    @Test
    void shouldShowTheDryRunThenMigrateOnConfirmation() throws Exception {
        var firm = TestFirm.create(directory);
        var intake = step("Intake", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true);
        var template = workflows.published(firm, intake);
        var instance = workflows.instantiate(firm, template.id(), "Smith intake");
        workflows.templates().update(firm.as(firm.owner()), template.id(), new TemplateChanges(null, null, null,
                List.of(intake, step("Conflict check", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true))));
        workflows.templates().publish(firm.as(firm.owner()), template.id());

        assertThat(ok(ui.page(get("/workflows/templates/{id}", template.id()), firm.admin())))
                .contains("Migrate running instances");
        assertThat(ok(ui.page(get("/workflows/templates/{id}", template.id()), firm.owner())))
                .doesNotContain("Migrate running instances");

        String plan = ok(ui.page(get("/workflows/templates/{id}/migrations?from=1&to=2", template.id()),
                firm.admin()));
        assertThat(plan).contains("Dry run: v1 to v2").contains("Smith intake").contains(firm.matter().title())
                .contains("Conflict check").contains("Added").contains("confirm-migration")
                .doesNotContain("style=").doesNotContain("onclick=");

        var confirmed = mvc.perform(post("/workflows/templates/{id}/migrations", template.id()).param("from", "1")
                .param("to", "2").with(csrf()).with(user(users.loadUserByUsername(firm.admin().email()))))
                .andReturn().getResponse();
        assertThat(confirmed.getRedirectedUrl()).startsWith("/workflows/templates/" + template.id() + "/migrations/");
        String result = ok(ui.page(get(confirmed.getRedirectedUrl()), firm.admin()));
        assertThat(result).contains("Migration v1 to v2: DONE").contains("MIGRATED");
        assertThat(workflows.instances().get(firm.as(firm.admin()), instance.id()).templateVersion()).isEqualTo(2);
    }

    @Test
    void shouldRefuseTheMigrationPageToLawyers() throws Exception {
        var firm = TestFirm.create(directory);
        var template = workflows.published(firm, step("Intake", ActionType.CHECKLIST, RoleScope.LAWYER, true,
                java.util.Map.of("items", List.of("x"))));
        assertThat(ui.page(get("/workflows/templates/{id}/migrations", template.id()), firm.owner()).getStatus())
                .isEqualTo(403);
    }

    @Test
    void shouldNameTheFieldOfEqualVersions() throws Exception {
        var firm = TestFirm.create(directory);
        var template = workflows.published(firm, step("Intake", ActionType.CHECKLIST, RoleScope.LAWYER, true,
                java.util.Map.of("items", List.of("x"))));
        workflows.templates().publish(firm.as(firm.owner()), template.id());
        String page = ok(ui.page(get("/workflows/templates/{id}/migrations?from=1&to=1", template.id()),
                firm.admin()));
        assertThat(page).contains("must differ from fromVersion").contains("aria-invalid=\"true\"");
    }
}
