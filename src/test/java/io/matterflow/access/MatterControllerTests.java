package io.matterflow.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import com.jayway.jsonpath.JsonPath;

import io.matterflow.access.internal.MatterController;
import io.matterflow.action.DocumentProperties;
import io.matterflow.common.ForbiddenException;
import io.matterflow.common.NotFoundException;
import io.matterflow.directory.Actor;
import io.matterflow.directory.MatterDetails;
import io.matterflow.directory.MatterEdit;
import io.matterflow.directory.MatterStatus;
import io.matterflow.directory.Role;
import io.matterflow.directory.UserAccount;
import io.matterflow.notification.Notifications;

/**
 * {@code PATCH /api/matters/{id}} in the web layer only, with the API's security chain and error handling and the
 * {@link Matters} service mocked: what the route answers before the service is asked (no credentials, a body that
 * does not bind), how it hands the request on, and how the service's refusals come out as problem details.
 * The idempotency filter, which keeps its keys in the database, is left out; the error handler reads the document
 * limits, bound as the application binds them.
 */
@WebMvcTest(controllers = MatterController.class, excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
        pattern = "io\\.matterflow\\.web\\.IdempotencyFilter"))
@Import(SecurityConfiguration.class)
@EnableConfigurationProperties(DocumentProperties.class)
class MatterControllerTests {

    private static final UUID ORG = UUID.randomUUID();
    private static final UUID MATTER = UUID.randomUUID();
    private static final UserAccount OWNER = new UserAccount(UUID.randomUUID(), ORG, "owner@firm.test", "Owner",
            Role.LAWYER, true);

    @Autowired
    MockMvc mvc;
    @MockitoBean
    Matters matters;
    /** The API chain's bearer-token filter. */
    @MockitoBean
    ApiTokens tokens;
    /** The UI's model advice (unread notices). */
    @MockitoBean
    Notifications notifications;
    /** The sessions in the database, behind the UI chain's session registry. */
    @MockitoBean
    org.springframework.session.FindByIndexNameSessionRepository<org.springframework.session.Session> sessions;

    @Test
    void shouldAnswerACallerWithoutCredentials401WithTheBearerChallengeAndNotAskTheService() throws Exception {
        MockHttpServletResponse response = mvc.perform(patch("/api/matters/{id}", MATTER)
                .contentType(MediaType.APPLICATION_JSON).content("{\"title\": \"Renamed\"}")).andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(response.getHeaders(HttpHeaders.WWW_AUTHENTICATE)).containsExactly("Bearer realm=\"Matterflow\"");
        verifyNoInteractions(matters);
    }

    /** Bodies the web layer refuses (400, naming the field) before the service sees them. */
    @Test
    void shouldRefuseABodyThatDoesNotBindNamingTheFieldAndNotAskTheService() throws Exception {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("{\"title\": \"\"}", "title");
        cases.put("{\"reference\": \"" + "x".repeat(51) + "\"}", "reference");
        cases.put("{\"title\": \"" + "x".repeat(301) + "\"}", "title");
        cases.put("{\"status\": \"ARCHIVED\"}", "status");
        cases.put("{\"status\": 1}", "status");
        cases.put("{\"cancelActiveWorkflows\": \"true\"}", "cancelActiveWorkflows");
        cases.put("{\"clientId\": 5}", "clientId");
        cases.put("{\"clientId\": \"the client\"}", "clientId");
        cases.put("{\"clientId\": {\"id\": \"x\"}}", "clientId");
        cases.put("{\"ownerId\": \"me\"}", "ownerId");
        cases.put("{\"closedAt\": \"2026-01-01T00:00:00Z\"}", "closedAt");
        for (var c : cases.entrySet()) {
            MockHttpServletResponse response = mvc.perform(patchAsOwner(c.getKey())).andReturn().getResponse();
            assertThat(response.getStatus()).as(c.getKey()).isEqualTo(400);
            assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            List<String> fields = JsonPath.read(response.getContentAsString(), "$.errors[*].field");
            assertThat(fields).as(c.getKey()).contains(c.getValue());
        }
        verifyNoInteractions(matters);
    }

    /** {@code clientId: null} takes the client away; an absent one leaves it; status and cancel pass as they came. */
    @Test
    void shouldHandTheCallerAndTheEditToTheService() throws Exception {
        MatterDetails closed = new MatterDetails(MATTER, ORG, "M-1", "Renamed", OWNER.id(), null, List.of(),
                MatterStatus.CLOSED, Instant.now(), Instant.now());
        when(matters.update(any(), eq(MATTER), any(), any(), anyBoolean())).thenReturn(closed);

        MockHttpServletResponse response = mvc.perform(patchAsOwner("""
                {"title": "Renamed", "clientId": null, "status": "CLOSED", "cancelActiveWorkflows": true}
                """)).andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat((String) JsonPath.read(response.getContentAsString(), "$.status")).isEqualTo("CLOSED");
        verify(matters).update(Actor.user(OWNER), MATTER, new MatterEdit(null, "Renamed", null, null, true),
                MatterStatus.CLOSED, true);

        mvc.perform(patchAsOwner("{\"title\": \"Again\"}")).andReturn();
        verify(matters).update(Actor.user(OWNER), MATTER, new MatterEdit(null, "Again", null, null, false), null,
                false);
    }

    @Test
    void shouldAnswerTheServicesRefusalsAsProblemDetails() throws Exception {
        when(matters.update(any(), eq(MATTER), any(), any(), anyBoolean()))
                .thenThrow(new ForbiddenException("only the matter's owner or an admin may change it"))
                .thenThrow(new NotFoundException("Matter", MATTER));

        MockHttpServletResponse forbidden = mvc.perform(patchAsOwner("{\"title\": \"Renamed\"}")).andReturn()
                .getResponse();
        assertThat(forbidden.getStatus()).isEqualTo(403);
        assertThat(forbidden.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat((String) JsonPath.read(forbidden.getContentAsString(), "$.detail"))
                .isEqualTo("only the matter's owner or an admin may change it");

        MockHttpServletResponse missing = mvc.perform(patchAsOwner("{\"title\": \"Renamed\"}")).andReturn()
                .getResponse();
        assertThat(missing.getStatus()).isEqualTo(404);
        assertThat(missing.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    }

    private static MockHttpServletRequestBuilder patchAsOwner(String body) {
        MatterflowPrincipal principal = new MatterflowPrincipal(OWNER, null);
        return patch("/api/matters/{id}", MATTER).contentType(MediaType.APPLICATION_JSON).content(body)
                .with(authentication(new UsernamePasswordAuthenticationToken(principal, null,
                        principal.getAuthorities())));
    }
}
