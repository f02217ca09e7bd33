package io.matterflow.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.matterflow.action.ActionState;
import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.action.internal.MockESignatureProvider;
import io.matterflow.action.internal.MockPaymentProvider;
import io.matterflow.audit.AuditEvent;
import io.matterflow.audit.AuditLog;
import io.matterflow.directory.Directory;
import io.matterflow.instance.InstanceDetails;
import io.matterflow.instance.Instances;
import io.matterflow.instance.StepDetails;
import io.matterflow.instance.StepRuntime;
import io.matterflow.instance.WorkflowStatus;
import io.matterflow.instance.internal.InstanceStepRepository;
import io.matterflow.notification.FeatureFlags;
import io.matterflow.notification.Notification;
import io.matterflow.notification.Notifications;
import io.matterflow.support.TestFirm;
import io.matterflow.support.Workflows;
import io.matterflow.template.StepDefinition;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Provider sessions end with their step's attempt (skip, retry, the instance cancelled), closed through the
 * provider's adapter after the engine's change commits; and a provider event that comes after its step moved on is
 * recorded once, acknowledged as not applied, audited, shown and told to the matter's owner. Run on PostgreSQL and
 * on H2 by the subclasses.
 */
abstract class ProviderSessionScenarios {

    @Autowired
    MockMvc mvc;
    @Autowired
    Directory directory;
    @Autowired
    Instances instances;
    @Autowired
    StepRuntime runtime;
    @Autowired
    AuditLog audit;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Workflows workflows;
    @Autowired
    MockESignatureProvider esign;
    @Autowired
    MockPaymentProvider payments;
    @Autowired
    Notifications notifications;
    @Autowired
    FeatureFlags flags;
    @Autowired
    UserDetailsService users;
    @Autowired
    MeterRegistry meters;
    @Autowired
    InstanceStepRepository stepRows;
    @Autowired
    PlatformTransactionManager transactionManager;

    // --- closing sessions ----------------------------------------------------------------------------------------

    @Test
    void shouldCancelTheSigningSessionWhenTheStepIsSkipped() throws Exception {
        var signing = startedSignature();
        String session = session(signing.step());
        assertThat(esign.cancelledAt(session)).isEmpty();

        runtime.skip(signing.firm().as(signing.firm().admin()), signing.stepId(), "the client signed on paper");

        assertThat(esign.cancelledAt(session)).isPresent();
        assertThat(step(signing).actionState()).isEqualTo(ActionState.SKIPPED);
        var skip = events(signing, "step.skip");
        assertThat(skip).singleElement().satisfies(e ->
                assertThat(e.metadata()).containsEntry("closesProviderSession", session));
        assertThat(events(signing, "step.provider-session-close")).singleElement().satisfies(e -> {
            assertThat(e.metadata()).containsEntry("outcome", "CLOSED").containsEntry("reference", session)
                    .containsEntry("cause", "step skipped").containsKey("sessionClosedAt");
            assertThat(e.actorType()).isEqualTo("SYSTEM");
        });
        assertThat(closeOutcome(session)).isEqualTo("CLOSED");
        // the mock provider's page shows the session cancelled, and takes no signature in it
        var client = users.loadUserByUsername(signing.firm().client().email());
        mvc.perform(get("/mock/esign/{s}", session).param("step", signing.stepId().toString()).with(user(client)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("id=\"session-cancelled\"")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"sign\""))));
        assertThat(audit.verify(signing.firm().orgId()).valid()).isTrue();
    }

    @Test
    void shouldCancelTheOldIntentWhenAFailedPaymentIsRetriedAndOpenANewOneAtTheNextStart() throws Exception {
        var paying = startedPayment();
        String first = intent(paying.step());
        deliver("payments", paymentEvent("evt-" + UUID.randomUUID(), first, "payment.failed", "250.00", "GBP"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.outcome").value("FAILED"));
        assertThat(payments.cancelledAt(first)).isEmpty();

        runtime.retry(paying.firm().as(paying.firm().owner()), paying.stepId());
        assertThat(payments.cancelledAt(first)).isPresent();
        assertThat(events(paying, "step.provider-session-close")).singleElement()
                .satisfies(e -> assertThat(e.metadata()).containsEntry("cause", "step retried")
                        .containsEntry("reference", first));

        var restarted = runtime.start(paying.firm().as(paying.firm().client()), paying.stepId());
        String second = intent(restarted);
        assertThat(second).isNotEqualTo(first);
        assertThat(payments.cancelledAt(second)).isEmpty();
    }

    @Test
    void shouldCancelOpenSessionsWhenTheInstanceIsCancelledAndRecordAPaymentThatStillArrives() throws Exception {
        var paying = startedPayment();
        String intent = intent(paying.step());

        instances.update(paying.firm().as(paying.firm().owner()), paying.step().instanceId(), null,
                WorkflowStatus.CANCELED);

        assertThat(payments.cancelledAt(intent)).isPresent();
        assertThat(events(paying, "step.provider-session-close")).singleElement()
                .satisfies(e -> assertThat(e.metadata()).containsEntry("cause", "instance canceled"));
        deliver("payments", paymentEvent("evt-" + UUID.randomUUID(), intent, "payment.succeeded", "250.00", "GBP"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value(Webhooks.RECORDED_NOT_APPLIED))
                .andExpect(jsonPath("$.applied").value(false))
                .andExpect(jsonPath("$.reason").value("INSTANCE_CANCELED"));
        assertThat(step(paying).actionState()).isEqualTo(ActionState.IN_PROGRESS);
    }

    @Test
    void shouldCancelTheSigningSessionWhenTheMatterIsClosedWithItsWorkflows() throws Exception {
        var signing = startedSignature();
        String session = session(signing.step());

        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .patch("/api/matters/{id}", signing.firm().matter().id())
                        .with(httpBasic(signing.firm().owner().email(), "pw")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\": \"CLOSED\", \"cancelActiveWorkflows\": true}"))
                .andExpect(status().isOk());

        assertThat(esign.cancelledAt(session)).isPresent();
        assertThat(events(signing, "step.provider-session-close")).singleElement()
                .satisfies(e -> assertThat(e.metadata()).containsEntry("cause", "instance canceled")
                        .containsEntry("outcome", "CLOSED"));
    }

    @Test
    void shouldKeepTheSkipWhenTheProviderFailsToCancelAndCountTheFailure() {
        var paying = startedPayment();
        String intent = intent(paying.step());
        // the provider the session was opened with is no longer there: closing it fails
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            var row = stepRows.findById(paying.stepId()).orElseThrow();
            Map<String, Object> data = new LinkedHashMap<>(row.actionData());
            data.put("provider", "vanished");
            row.annotate(data, Instant.now());
        });
        double before = failures("payments");

        var skipped = runtime.skip(paying.firm().as(paying.firm().admin()), paying.stepId(), null);

        assertThat(skipped.actionState()).isEqualTo(ActionState.SKIPPED);
        assertThat(step(paying).actionState()).isEqualTo(ActionState.SKIPPED);
        assertThat(failures("payments")).isEqualTo(before + 1);
        assertThat(payments.cancelledAt(intent)).isEmpty();
        assertThat(events(paying, "step.provider-session-close")).singleElement()
                .satisfies(e -> assertThat(e.metadata()).containsEntry("outcome", "FAILED").containsKey("error"));
    }

    // --- late events ----------------------------------------------------------------------------------------------

    @Test
    void shouldRecordAPaymentForASkippedStepOnceAcrossRepeatedAndConcurrentDeliveries() throws Exception {
        var paying = startedPayment();
        TestFirm firm = paying.firm();
        flags.set(firm.as(firm.admin()), FeatureFlags.READY_EMAIL, true);
        String intent = intent(paying.step());
        runtime.skip(firm.as(firm.admin()), paying.stepId(), "paid by bank transfer");
        StepDetails skipped = step(paying);
        String eventId = "evt-" + UUID.randomUUID();
        String body = paymentEvent(eventId, intent, "payment.succeeded", "250.00", "GBP");
        long t = Instant.now().getEpochSecond();

        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<String> answers = new ArrayList<>();
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Callable<String> delivery = () -> {
                    go.await();
                    return deliver("payments", body, t).andExpect(status().isOk()).andReturn().getResponse()
                            .getContentAsString();
                };
                futures.add(pool.submit(delivery));
            }
            go.countDown();
            for (Future<String> future : futures) {
                answers.add(future.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(answers).filteredOn(a -> a.contains("\"duplicate\":false")).hasSize(1);
        assertThat(answers).allSatisfy(a -> assertThat(a).contains("\"outcome\":\"RECORDED_NOT_APPLIED\"")
                .contains("\"applied\":false").contains("\"reason\":\"STEP_SKIPPED\""));
        // delivered once more, later: the same answer, as a duplicate
        deliver("payments", body, t).andExpect(status().isOk())
                .andExpect(jsonPath("$.duplicate").value(true))
                .andExpect(jsonPath("$.outcome").value("RECORDED_NOT_APPLIED"))
                .andExpect(jsonPath("$.applied").value(false))
                .andExpect(jsonPath("$.reason").value("STEP_SKIPPED"));

        assertThat(jdbc.queryForObject("select count(*) from late_provider_events where event_id = ?", Integer.class,
                eventId)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from webhook_events where event_id = ?", Integer.class,
                eventId)).isEqualTo(1);
        // the step is as it was
        StepDetails after = step(paying);
        assertThat(after.actionState()).isEqualTo(ActionState.SKIPPED);
        assertThat(after.version()).isEqualTo(skipped.version());
        var late = events(paying, "step.provider-event-late");
        assertThat(late).singleElement().satisfies(e -> {
            assertThat(e.actorType()).isEqualTo("PROVIDER");
            assertThat(e.requestId()).isEqualTo(eventId);
            assertThat(e.metadata()).containsEntry("reason", "STEP_SKIPPED").containsEntry("amount", "250.00")
                    .containsEntry("currency", "GBP");
        });
        assertThat(audit.verify(firm.orgId()).valid()).isTrue();

        // the matter's owner is told once, in the app and by email (the READY emails' flag is on)
        String title = "Payment received for a skipped step: Retainer on " + firm.matter().reference() + " "
                + firm.matter().title();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(lateNotices(firm))
                .singleElement().satisfies(n -> {
                    assertThat(n.title()).isEqualTo(title);
                    assertThat(n.body()).startsWith("Payment of 250.00 GBP received after the step was skipped");
                    assertThat(n.stepId()).isEqualTo(paying.stepId());
                }));
        assertThat(notifications.causedBy(late.get(0).id())).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from email_outbox where kind = 'PROVIDER_EVENT_LATE'"
                + " and recipient_id = ?", Integer.class, firm.owner().id())).isEqualTo(1);

        // shown on the step in the run view, and read through the API
        UUID instanceId = paying.step().instanceId();
        mvc.perform(get("/matters/{m}/workflows/{i}", firm.matter().id(), instanceId)
                        .with(user(users.loadUserByUsername(firm.owner().email()))))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString(
                        "Payment of 250.00 GBP received after the step was skipped")));
        mvc.perform(get("/api/workflows/instances/{id}/late-events", instanceId)
                        .with(httpBasic(firm.owner().email(), "pw")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].stepId").value(paying.stepId().toString()))
                .andExpect(jsonPath("$[0].eventType").value("payment.succeeded"))
                .andExpect(jsonPath("$[0].amount").value(250.0))
                .andExpect(jsonPath("$[0].currency").value("GBP"))
                .andExpect(jsonPath("$[0].reason").value("STEP_SKIPPED"))
                .andExpect(jsonPath("$[0].summary").value("Payment of 250.00 GBP received after the step was skipped"));
        mvc.perform(get("/api/workflows/instances/{id}/late-events", instanceId)
                .with(httpBasic(firm.client().email(), "pw"))).andExpect(status().isForbidden());
        var stranger = TestFirm.create(directory);
        mvc.perform(get("/api/workflows/instances/{id}/late-events", instanceId)
                .with(httpBasic(stranger.owner().email(), "pw"))).andExpect(status().isNotFound());
    }

    @Test
    void shouldRecordADeclineForARetriedStepsOldSessionWithoutTouchingTheNewAttempt() throws Exception {
        var signing = startedSignature();
        String old = session(signing.step());
        deliver("esign", signatureEvent("evt-" + UUID.randomUUID(), old, "signature.declined"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.outcome").value("FAILED"));
        runtime.retry(signing.firm().as(signing.firm().owner()), signing.stepId());
        var restarted = runtime.start(signing.firm().as(signing.firm().client()), signing.stepId());
        assertThat(esign.cancelledAt(old)).isPresent();

        // the provider reports on the old session again, under a new event id
        String eventId = "evt-" + UUID.randomUUID();
        deliver("esign", signatureEvent(eventId, old, "signature.declined"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.duplicate").value(false))
                .andExpect(jsonPath("$.outcome").value(Webhooks.RECORDED_NOT_APPLIED))
                .andExpect(jsonPath("$.applied").value(false))
                .andExpect(jsonPath("$.reason").value("STEP_RETRIED"));

        StepDetails now = step(signing);
        assertThat(now.actionState()).isEqualTo(ActionState.IN_PROGRESS);
        assertThat(now.version()).isEqualTo(restarted.version());
        assertThat(session(now)).isEqualTo(session(restarted));
        assertThat(events(signing, "step.provider-event-late")).singleElement()
                .satisfies(e -> assertThat(e.metadata()).containsEntry("reference", old)
                        .containsEntry("summary", "Signature declined for an earlier attempt, after the step was retried"));
        assertThat(jdbc.queryForObject("select count(*) from late_provider_events where event_id = ?", Integer.class,
                eventId)).isEqualTo(1);
        // a session nobody opened is still unknown
        deliver("esign", signatureEvent("evt-" + UUID.randomUUID(), "mock-sig-" + UUID.randomUUID(),
                "signature.signed")).andExpect(status().isNotFound());
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    record Started(TestFirm firm, UUID stepId, StepDetails step) {
    }

    private Started startedSignature() {
        return started(new StepDefinition("Engagement letter", ActionType.SIGNATURE_CLIENT, RoleScope.CLIENT, true,
                Map.of("documentId", "engagement-letter")));
    }

    private Started startedPayment() {
        return started(new StepDefinition("Retainer", ActionType.PAYMENT_CLIENT, RoleScope.CLIENT, true,
                Map.of("amount", new BigDecimal("250.00"), "currency", "GBP")));
    }

    private Started started(StepDefinition definition) {
        TestFirm firm = TestFirm.create(directory);
        InstanceDetails instance = workflows.instance(firm, definition);
        UUID stepId = instance.steps().get(0).id();
        return new Started(firm, stepId, runtime.start(firm.as(firm.client()), stepId));
    }

    private static String session(StepDetails step) {
        return (String) step.actionData().get("signatureSessionId");
    }

    private static String intent(StepDetails step) {
        return (String) step.actionData().get("paymentIntentId");
    }

    private StepDetails step(Started started) {
        return instances.step(started.firm().as(started.firm().admin()), started.stepId());
    }

    private List<AuditEvent> events(Started started, String action) {
        return audit.history(started.firm().orgId(), started.stepId()).stream()
                .filter(e -> e.action().equals(action)).toList();
    }

    private List<Notification> lateNotices(TestFirm firm) {
        return notifications.of(firm.as(firm.owner()), false, PageRequest.of(0, 50)).getContent().stream()
                .filter(n -> n.kind().equals("PROVIDER_EVENT_LATE")).toList();
    }

    private String closeOutcome(String reference) {
        return jdbc.queryForObject("select close_outcome from provider_sessions where reference = ?", String.class,
                reference);
    }

    private double failures(String kind) {
        var counter = meters.find("workflow.provider.cancel.failures").tag("kind", kind).counter();
        return counter == null ? 0 : counter.count();
    }

    private static String paymentEvent(String eventId, String intent, String type, String amount, String currency) {
        return """
                {"id": "%s", "type": "%s", "paymentIntentId": "%s", "amount": %s, "currency": "%s"}"""
                .formatted(eventId, type, intent, amount, currency);
    }

    private static String signatureEvent(String eventId, String session, String type) {
        return """
                {"id": "%s", "type": "%s", "signatureSessionId": "%s", "reason": "Wrong fee"}"""
                .formatted(eventId, type, session);
    }

    private ResultActions deliver(String kind, String body) throws Exception {
        return deliver(kind, body, Instant.now().getEpochSecond());
    }

    private ResultActions deliver(String kind, String body, long timestamp) throws Exception {
        String secret = kind.equals("esign") ? WebhookScenarios.ESIGN_SECRET : WebhookScenarios.PAYMENTS_SECRET;
        return mvc.perform(post("/api/webhooks/" + kind + "/mock").contentType(MediaType.APPLICATION_JSON)
                .header("Matterflow-Signature", WebhookScenarios.signature(secret, timestamp, body)).content(body));
    }
}
