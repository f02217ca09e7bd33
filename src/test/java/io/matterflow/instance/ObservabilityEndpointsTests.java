package io.matterflow.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.domain.PageRequest;
import org.springframework.test.web.servlet.MockMvc;

import io.matterflow.action.ActionState;
import io.matterflow.action.ActionType;
import io.matterflow.action.Documents;
import io.matterflow.demo.DemoData;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Directory;
import io.matterflow.support.H2Test;
import io.matterflow.support.PrometheusScrape;
import io.matterflow.template.Templates;

/**
 * What an operator reads: the step counters and cycle-time histogram at {@code /actuator/prometheus} after the
 * demo workflow ran (with a rejection, a retry and a skip), the public health with its database check, and the
 * actuator endpoints kept for admins.
 */
@H2Test
@AutoConfigureMockMvc
class ObservabilityEndpointsTests {

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
    Documents documents;
    @Autowired
    DemoData demo;

    @Test
    void shouldExposeStepCountersAndCycleTimesPerActionTypeAtThePrometheusEndpoint() throws Exception {
        PrometheusScrape before = scrape();
        UUID org = demo.seed();
        Actor lawyer = user(DemoData.LAWYER);
        Actor client = user(DemoData.CLIENT);
        Actor paralegal = user(DemoData.PARALEGAL);
        Actor admin = user(DemoData.ADMIN);
        var matter = directory.findMatterByReference(org, DemoData.MATTER_REFERENCE).orElseThrow();
        var template = templates.search(lawyer, DemoData.TEMPLATE_NAME, PageRequest.of(0, 5)).getContent().get(0);
        var steps = instances.instantiate(lawyer,
                new Instances.Instantiate(template.id(), matter.id(), "Metrics intake", true, null)).steps();

        // the conflict check is rejected first (FAILED), retried, then approved
        UUID approval = steps.get(0).id();
        runtime.start(lawyer, approval);
        assertThat(runtime.complete(lawyer, approval, Map.of("approved", false, "comment", "Possible conflict"))
                .actionState()).isEqualTo(ActionState.FAILED);
        runtime.retry(lawyer, approval);
        runtime.start(lawyer, approval);
        runtime.complete(lawyer, approval, Map.of("approved", true));

        UUID signature = steps.get(1).id();
        var signing = runtime.start(client, signature);
        runtime.complete(client, signature, Map.of("signatureSessionId", signing.actionData().get("signatureSessionId")));

        UUID document = steps.get(2).id();
        runtime.start(client, document);
        var passport = documents.store(org, document, client.userId(), "passport.pdf", "application/pdf",
                "%PDF-1.4 passport".getBytes());
        runtime.complete(client, document, Map.of("documentIds", List.of(passport.id().toString())));

        UUID payment = steps.get(3).id();
        var paying = runtime.start(client, payment);
        runtime.complete(Actor.provider(org, "mock"), payment, Map.of(
                "paymentIntentId", paying.actionData().get("paymentIntentId"), "status", "SUCCEEDED",
                "amount", new BigDecimal("1500.00"), "currency", "USD"));

        runtime.complete(paralegal, steps.get(4).id(), Map.of("checked",
                List.of("Open the client file", "Add the client to billing", "Send the welcome pack")));

        // a second intake whose conflict check the admin skips
        var second = instances.instantiate(lawyer,
                new Instances.Instantiate(template.id(), matter.id(), "Metrics intake, skipped", true, null));
        runtime.skip(admin, second.steps().get(0).id(), "Checked in another matter");

        PrometheusScrape after = scrape();
        // the demo template has one step of each built-in type
        List<ActionType> types = steps.stream().map(StepDetails::actionType).toList();
        assertThat(types).doesNotHaveDuplicates().hasSize(5);
        Map<ActionType, Double> completed = new java.util.HashMap<>();
        for (ActionType type : types) {
            String tag = type.name();
            completed.put(type, after.value("workflow_steps_completed_total", "actionType", tag)
                    - before.value("workflow_steps_completed_total", "actionType", tag));
            assertThat(after.value("workflow_step_cycle_time_seconds_count", "actionType", tag)
                    - before.value("workflow_step_cycle_time_seconds_count", "actionType", tag)).as(tag).isEqualTo(1);
            assertThat(after.value("workflow_step_cycle_time_seconds_bucket", "actionType", tag, "le", "+Inf")
                    - before.value("workflow_step_cycle_time_seconds_bucket", "actionType", tag, "le", "+Inf"))
                    .as(tag).isEqualTo(1);
            assertThat(after.find("workflow_step_cycle_time_seconds_bucket", "actionType", tag))
                    .as("a percentile histogram has many buckets").hasSizeGreaterThan(10);
            assertThat(after.find("workflow_step_cycle_time_seconds_sum", "actionType", tag)).hasSize(1);
        }
        assertThat(completed).containsOnlyKeys(types).allSatisfy((type, n) -> assertThat(n).isEqualTo(1));
        assertThat(after.value("workflow_steps_failed_total", "actionType", "APPROVAL_LAWYER")
                - before.value("workflow_steps_failed_total", "actionType", "APPROVAL_LAWYER")).isEqualTo(1);
        assertThat(after.value("workflow_steps_skipped_total", "actionType", "APPROVAL_LAWYER")
                - before.value("workflow_steps_skipped_total", "actionType", "APPROVAL_LAWYER")).isEqualTo(1);
        assertThat(after.value("workflow_step_transitions_total", "actionType", "APPROVAL_LAWYER", "event", "retry")
                - before.value("workflow_step_transitions_total", "actionType", "APPROVAL_LAWYER", "event", "retry"))
                .isEqualTo(1);
        // the observations' own timers: one per transition and handler call, tagged by type, event and operation
        assertThat(after.value("workflow_step_transition_seconds_count", "actionType", "PAYMENT_CLIENT",
                "event", "complete", "error", "none")
                - before.value("workflow_step_transition_seconds_count", "actionType", "PAYMENT_CLIENT",
                "event", "complete", "error", "none")).isEqualTo(1);
        assertThat(after.value("workflow_action_handler_seconds_count", "actionType", "SIGNATURE_CLIENT",
                "operation", "start", "error", "none")
                - before.value("workflow_action_handler_seconds_count", "actionType", "SIGNATURE_CLIENT",
                "operation", "start", "error", "none")).isEqualTo(1);
        assertThat(after.find("workflow_step_command_seconds_count", "event", "skip")).isNotEmpty();
    }

    @Test
    void shouldAnswerHealthPubliclyWithTheDatabaseCheckAndItsDetailsForAdminsOnly() throws Exception {
        mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components.db.status").value("UP"))
                .andExpect(jsonPath("$.components.db.details").doesNotExist());
        mvc.perform(get("/actuator/health/readiness"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.components.db.status").value("UP"));
        mvc.perform(get("/actuator/health/liveness"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.components.db").doesNotExist());
        mvc.perform(get("/actuator/health").with(httpBasic(DemoData.LAWYER, DemoData.PASSWORD)))
                .andExpect(jsonPath("$.components.db.details").doesNotExist());
        mvc.perform(get("/actuator/health").with(httpBasic(DemoData.ADMIN, DemoData.PASSWORD)))
                .andExpect(jsonPath("$.components.db.details.database").value(Matchers.not(Matchers.emptyString())));
    }

    @Test
    void shouldKeepTheOtherActuatorEndpointsForAdmins() throws Exception {
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isOk());
        mvc.perform(get("/actuator/metrics")).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/metrics").with(httpBasic(DemoData.CLIENT, DemoData.PASSWORD)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/actuator/metrics/jvm.memory.used").with(httpBasic(DemoData.ADMIN, DemoData.PASSWORD)))
                .andExpect(status().isOk());
        mvc.perform(get("/actuator/info").with(httpBasic(DemoData.LAWYER, DemoData.PASSWORD)))
                .andExpect(status().isForbidden());
    }

    private PrometheusScrape scrape() throws Exception {
        String body = mvc.perform(get("/actuator/prometheus")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        return PrometheusScrape.parse(body);
    }

    private Actor user(String email) {
        return Actor.user(directory.findUserByEmail(email).orElseThrow());
    }
}
