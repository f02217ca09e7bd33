package io.matterflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.directory.Directory;
import io.matterflow.directory.UserAccount;
import io.matterflow.instance.Instances;
import io.matterflow.instance.StepRuntime;
import io.matterflow.support.H2Test;
import io.matterflow.support.TestFirm;
import io.matterflow.support.Workflows;
import io.matterflow.template.StepDefinition;

/**
 * The mock provider pages (signing and checkout): shown to the matter's people, 404 for another firm, the login page
 * for nobody; only the step's assignee may sign or pay, with a CSRF token; the step's title renders inert.
 */
@H2Test
@AutoConfigureMockMvc
class MockProviderPageTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    Directory directory;
    @Autowired
    Instances instances;
    @Autowired
    StepRuntime runtime;
    @Autowired
    UserDetailsService users;
    @Autowired
    Workflows workflows;

    @Test
    void shouldGuardTheSigningPage() throws Exception {
        check(new StepDefinition("Sign " + XssFixture.X, ActionType.SIGNATURE_CLIENT, RoleScope.CLIENT, true,
                Map.of("documentId", "engagement-letter")), "/mock/esign/", "signatureSessionId", "SIGNED");
    }

    @Test
    void shouldGuardTheCheckoutPage() throws Exception {
        check(new StepDefinition("Pay " + XssFixture.X, ActionType.PAYMENT_CLIENT, RoleScope.CLIENT, true,
                Map.of("amount", 500, "currency", "EUR")), "/mock/payments/", "paymentIntentId", "SUCCEEDED");
    }

    private void check(StepDefinition definition, String base, String key, String outcome) throws Exception {
        TestFirm firm = TestFirm.create(directory);
        TestFirm other = TestFirm.create(directory);
        var owner = firm.as(firm.owner());
        var instance = workflows.instance(firm, definition);
        UUID step = instance.steps().get(0).id();
        runtime.start(firm.as(firm.client()), step);
        String session = String.valueOf(instances.step(owner, step).actionData().get(key));
        String path = base + session;

        MockHttpServletResponse page = mvc.perform(as(get(path).param("step", step.toString()), firm.client()))
                .andReturn().getResponse();
        assertThat(page.getStatus()).isEqualTo(200);
        XssTests.assertInert(path, page.getContentAsString());
        SecurityHeadersTests.assertSecurityHeaders(path, page);
        SecurityHeadersTests.assertNoInlineScriptOrStyle(path, page.getContentAsString());
        assertThat(page.getContentAsString()).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(status(get(path).param("step", step.toString()), other.admin())).isEqualTo(404);
        assertThat(status(get(path).param("step", step.toString()), null)).isEqualTo(302);

        assertThat(status(post(path).param("step", step.toString()).param("outcome", outcome).with(csrf()),
                other.admin())).as("another firm").isEqualTo(404);
        assertThat(status(post(path).param("step", step.toString()).param("outcome", outcome).with(csrf()),
                firm.owner())).as("not the assignee").isEqualTo(403);
        assertThat(status(post(path).param("step", step.toString()).param("outcome", outcome), firm.client()))
                .as("no CSRF token").isEqualTo(403);
        assertThat(instances.step(owner, step).actionState().name()).isEqualTo("IN_PROGRESS");
        assertThat(status(post(path).param("step", step.toString()).param("outcome", outcome).with(csrf()),
                firm.client())).isEqualTo(302);
        assertThat(instances.step(owner, step).actionState().name()).isEqualTo("COMPLETED");
    }

    private int status(AbstractMockHttpServletRequestBuilder<?> request, UserAccount who) throws Exception {
        return mvc.perform(who == null ? request : as(request, who)).andReturn().getResponse().getStatus();
    }

    private AbstractMockHttpServletRequestBuilder<?> as(AbstractMockHttpServletRequestBuilder<?> request,
                                                        UserAccount who) {
        return request.with(user(users.loadUserByUsername(who.email())));
    }
}
