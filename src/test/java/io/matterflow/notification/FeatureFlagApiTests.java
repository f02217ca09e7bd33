package io.matterflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import io.matterflow.audit.AuditLog;
import io.matterflow.directory.Directory;
import io.matterflow.directory.UserAccount;
import io.matterflow.support.H2Test;
import io.matterflow.support.TestFirm;

/** {@code /api/admin/feature-flags}: admins of the caller's organization read and switch its flags, audited. */
@H2Test
@AutoConfigureMockMvc
class FeatureFlagApiTests {

    private static final String FLAG = "/api/admin/feature-flags/" + FeatureFlags.READY_EMAIL;

    @Autowired
    MockMvc mvc;
    @Autowired
    Directory directory;
    @Autowired
    FeatureFlags flags;
    @Autowired
    AuditLog audit;

    TestFirm firm;

    @BeforeEach
    void firm() {
        firm = TestFirm.create(directory);
    }

    @Test
    void shouldBeOffUntilAnAdminSwitchesItOn() throws Exception {
        mvc.perform(as(firm.admin(), get(FLAG)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value(FeatureFlags.READY_EMAIL))
                .andExpect(jsonPath("$.enabled").value(false))
                .andExpect(jsonPath("$.updatedBy").value(Matchers.nullValue()));

        mvc.perform(as(firm.admin(), put(FLAG)).contentType(MediaType.APPLICATION_JSON).content("{\"enabled\": true}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.enabled").value(true))
                .andExpect(jsonPath("$.updatedBy").value(firm.admin().id().toString()))
                .andExpect(jsonPath("$.updatedAt").isNotEmpty());

        mvc.perform(as(firm.admin(), get(FLAG))).andExpect(jsonPath("$.enabled").value(true));
        mvc.perform(as(firm.admin(), get("/api/admin/feature-flags")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.name == '" + FeatureFlags.READY_EMAIL + "')].enabled").value(true))
                .andExpect(jsonPath("$[?(@.name == '" + FeatureFlags.REQUIRE_CLEAN_SCAN + "')].enabled")
                        .value(false));
        assertThat(flags.isEnabled(firm.orgId(), FeatureFlags.READY_EMAIL)).isTrue();
    }

    @Test
    void shouldAuditEveryChangeAndNothingForARepeat() throws Exception {
        for (String body : new String[] {"{\"enabled\": true}", "{\"enabled\": true}", "{\"enabled\": false}"}) {
            mvc.perform(as(firm.admin(), put(FLAG)).contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isOk());
        }
        var events = audit.history(firm.orgId(), FeatureFlags.flagId(firm.orgId(), FeatureFlags.READY_EMAIL));
        assertThat(events).extracting(e -> e.action() + " " + e.fromState() + "→" + e.toState())
                .containsExactly("feature-flag.update DISABLED→ENABLED", "feature-flag.update ENABLED→DISABLED");
        assertThat(events.get(0).actorId()).isEqualTo(firm.admin().id().toString());
        assertThat(flags.isEnabled(firm.orgId(), FeatureFlags.READY_EMAIL)).isFalse();
    }

    @Test
    void shouldKeepEachOrganizationsFlagToItself() throws Exception {
        var other = TestFirm.create(directory);
        mvc.perform(as(other.admin(), put(FLAG)).contentType(MediaType.APPLICATION_JSON).content("{\"enabled\": true}"))
                .andExpect(status().isOk());

        mvc.perform(as(firm.admin(), get(FLAG))).andExpect(jsonPath("$.enabled").value(false));
        assertThat(flags.isEnabled(firm.orgId(), FeatureFlags.READY_EMAIL)).isFalse();
        assertThat(flags.isEnabled(other.orgId(), FeatureFlags.READY_EMAIL)).isTrue();
    }

    @Test
    void shouldRefuseEveryoneButAdmins() throws Exception {
        for (UserAccount user : new UserAccount[] {firm.owner(), firm.paralegal(), firm.client()}) {
            mvc.perform(as(user, get(FLAG))).andExpect(status().isForbidden());
            mvc.perform(as(user, get("/api/admin/feature-flags"))).andExpect(status().isForbidden());
            mvc.perform(as(user, put(FLAG)).contentType(MediaType.APPLICATION_JSON).content("{\"enabled\": true}"))
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.status").value(403));
        }
        mvc.perform(get(FLAG)).andExpect(status().isUnauthorized());
        assertThat(flags.isEnabled(firm.orgId(), FeatureFlags.READY_EMAIL)).isFalse();
    }

    @Test
    void shouldAnswerAnUnknownFlagWith404AndABadBodyWith400() throws Exception {
        mvc.perform(as(firm.admin(), get("/api/admin/feature-flags/no.such.flag"))).andExpect(status().isNotFound());
        mvc.perform(as(firm.admin(), put("/api/admin/feature-flags/no.such.flag"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"enabled\": true}")).andExpect(status().isNotFound());
        for (String body : new String[] {"{}", "{\"enabled\": \"yes\"}", "{\"enabled\": null}", "{\"enabled\": true,"}) {
            mvc.perform(as(firm.admin(), put(FLAG)).contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isBadRequest());
        }
        assertThat(flags.isEnabled(firm.orgId(), FeatureFlags.READY_EMAIL)).isFalse();
    }

    private static MockHttpServletRequestBuilder as(UserAccount user, MockHttpServletRequestBuilder request) {
        return request.with(httpBasic(user.email(), "pw"));
    }
}
