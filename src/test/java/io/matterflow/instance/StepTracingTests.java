package io.matterflow.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import io.matterflow.action.ActionType;
import io.matterflow.action.InvalidPayloadException;
import io.matterflow.action.RoleScope;
import io.matterflow.audit.AuditEvent;
import io.matterflow.audit.AuditLog;
import io.matterflow.directory.Directory;
import io.matterflow.support.H2Test;
import io.matterflow.support.TestFirm;
import io.matterflow.support.Workflows;
import io.matterflow.template.StepDefinition;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * The spans a workflow leaves, as exported through the application's own OpenTelemetry pipeline: one
 * {@code workflow.step.transition} per audited step transition, each handler call a child of its transition,
 * and each transition a child of the command that caused it.
 */
@H2Test
class StepTracingTests {

    @TestConfiguration(proxyBeanMethods = false)
    static class InMemorySpans {

        @Bean
        InMemorySpanExporter inMemorySpanExporter() {
            return InMemorySpanExporter.create();
        }
    }

    private static final AttributeKey<String> STEP_ID = AttributeKey.stringKey(StepObservations.STEP_ID);
    private static final AttributeKey<String> EVENT = AttributeKey.stringKey(StepObservations.EVENT);
    private static final AttributeKey<String> ACTION_TYPE = AttributeKey.stringKey(StepObservations.ACTION_TYPE);
    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey(StepObservations.OPERATION);

    @Autowired
    InMemorySpanExporter exporter;
    @Autowired
    SdkTracerProvider tracerProvider;
    @Autowired
    Directory directory;
    @Autowired
    StepRuntime runtime;
    @Autowired
    AuditLog audit;
    @Autowired
    Workflows workflows;

    @BeforeEach
    void forgetEarlierSpans() {
        flush();
        exporter.reset();
    }

    @Test
    void shouldTraceEveryTransitionWithItsHandlerCallsAsChildren() {
        var firm = TestFirm.create(directory);
        var instance = workflows.instance(firm,
                new StepDefinition("Conflict check", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true, Map.of()),
                new StepDefinition("Open the file", ActionType.CHECKLIST, RoleScope.PARALEGAL, true,
                        Map.of("items", List.of("File opened"))));
        UUID approval = instance.steps().get(0).id();
        UUID checklist = instance.steps().get(1).id();
        var owner = firm.as(firm.owner());
        runtime.claim(owner, approval);
        runtime.start(owner, approval);
        runtime.complete(owner, approval, Map.of("approved", true));
        runtime.complete(firm.as(firm.paralegal()), checklist, Map.of("checked", List.of("File opened")));

        List<SpanData> spans = finishedSpans();
        Set<String> ourSteps = Set.of(approval.toString(), checklist.toString());
        List<SpanData> transitions = spans.stream()
                .filter(s -> s.getName().equals(StepObservations.TRANSITION))
                .filter(s -> ourSteps.contains(s.getAttributes().get(STEP_ID))).toList();

        // one span per audited step transition, with the same step and event
        List<String> audited = audit.stream(firm.orgId(), instance.id()).stream()
                .filter(e -> e.action().startsWith("step."))
                .map(e -> e.entityId() + " " + e.action().substring("step.".length())).sorted().toList();
        assertThat(transitions.stream().map(s -> s.getAttributes().get(STEP_ID) + " " + s.getAttributes().get(EVENT))
                .sorted().toList()).isEqualTo(audited).hasSize(7);
        assertThat(transitions).allSatisfy(s -> assertThat(s.getAttributes().get(ACTION_TYPE))
                .isEqualTo(s.getAttributes().get(STEP_ID).equals(approval.toString()) ? "APPROVAL_LAWYER" : "CHECKLIST"));

        // the audit events carry the trace id of the transition that wrote them
        Set<String> traceIds = transitions.stream().map(SpanData::getTraceId).collect(Collectors.toSet());
        assertThat(audit.stream(firm.orgId(), instance.id()).stream().filter(e -> e.action().startsWith("step."))
                .map(AuditEvent::requestId)).allSatisfy(id -> assertThat(traceIds).contains(id));

        // handler calls: children of their transition, in the same trace
        Map<String, SpanData> byId = spans.stream().collect(Collectors.toMap(SpanData::getSpanId, s -> s));
        List<SpanData> handlerCalls = spans.stream()
                .filter(s -> s.getName().equals(StepObservations.HANDLER))
                .filter(s -> ourSteps.contains(s.getAttributes().get(STEP_ID))).toList();
        assertThat(handlerCalls).isNotEmpty().allSatisfy(call -> {
            SpanData parent = byId.get(call.getParentSpanId());
            assertThat(parent).isNotNull();
            assertThat(parent.getName()).isEqualTo(StepObservations.TRANSITION);
            assertThat(parent.getTraceId()).isEqualTo(call.getTraceId());
            assertThat(parent.getAttributes().get(STEP_ID)).isEqualTo(call.getAttributes().get(STEP_ID));
            assertThat(parent.getAttributes().get(ACTION_TYPE)).isEqualTo(call.getAttributes().get(ACTION_TYPE));
        });
        assertThat(operationsUnder(transition(transitions, approval, "start"), handlerCalls))
                .containsExactly("validateConfig", "canStart", "start");
        assertThat(operationsUnder(transition(transitions, approval, "complete"), handlerCalls))
                .containsExactly("validateConfig", "complete", "getNextStateOnEvent");
        assertThat(operationsUnder(transition(transitions, approval, "claim"), handlerCalls))
                .containsExactly("validateConfig");
        assertThat(operationsUnder(transition(transitions, checklist, "ready"), handlerCalls)).isEmpty();

        // transitions are children of the command that caused them: the approval's completion made the checklist
        // READY, and completing the checklist from READY is a start and a complete in one command
        SpanData approvalCompleted = transition(transitions, approval, "complete");
        SpanData command = byId.get(approvalCompleted.getParentSpanId());
        assertThat(command.getName()).isEqualTo(StepObservations.COMMAND);
        assertThat(command.getAttributes().get(EVENT)).isEqualTo("complete");
        assertThat(transition(transitions, checklist, "ready").getParentSpanId()).isEqualTo(command.getSpanId());
        assertThat(transition(transitions, checklist, "start").getParentSpanId())
                .isEqualTo(transition(transitions, checklist, "complete").getParentSpanId());
    }

    @Test
    void shouldMarkTheHandlerCallAndTransitionThatRefusedAPayloadAsErrors() {
        var firm = TestFirm.create(directory);
        var instance = workflows.instance(firm,
                new StepDefinition("Conflict check", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true, Map.of()));
        UUID approval = instance.steps().get(0).id();
        var owner = firm.as(firm.owner());
        runtime.start(owner, approval);
        assertThatThrownBy(() -> runtime.complete(owner, approval, Map.of("approved", false)))
                .isInstanceOf(InvalidPayloadException.class);

        List<SpanData> spans = finishedSpans().stream()
                .filter(s -> approval.toString().equals(s.getAttributes().get(STEP_ID))).toList();
        SpanData call = spans.stream().filter(s -> s.getName().equals(StepObservations.HANDLER)
                && "complete".equals(s.getAttributes().get(OPERATION))).findFirst().orElseThrow();
        assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        SpanData transition = spans.stream().filter(s -> s.getSpanId().equals(call.getParentSpanId()))
                .findFirst().orElseThrow();
        assertThat(transition.getName()).isEqualTo(StepObservations.TRANSITION);
        assertThat(transition.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    }

    private static SpanData transition(List<SpanData> transitions, UUID stepId, String event) {
        List<SpanData> found = transitions.stream()
                .filter(s -> stepId.toString().equals(s.getAttributes().get(STEP_ID))
                        && event.equals(s.getAttributes().get(EVENT))).toList();
        assertThat(found).as(event + " of " + stepId).hasSize(1);
        return found.get(0);
    }

    private static List<String> operationsUnder(SpanData transition, List<SpanData> handlerCalls) {
        return handlerCalls.stream().filter(c -> c.getParentSpanId().equals(transition.getSpanId()))
                .sorted(java.util.Comparator.comparingLong(SpanData::getStartEpochNanos))
                .map(c -> c.getAttributes().get(OPERATION)).toList();
    }

    private List<SpanData> finishedSpans() {
        flush();
        return exporter.getFinishedSpanItems();
    }

    private void flush() {
        assertThat(tracerProvider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    }
}
