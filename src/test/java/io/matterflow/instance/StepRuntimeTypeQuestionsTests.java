package io.matterflow.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.SimpleTransactionStatus;

import io.matterflow.access.StepAccess;
import io.matterflow.action.ActionEvent;
import io.matterflow.action.ActionRefusedException;
import io.matterflow.action.ActionRegistry;
import io.matterflow.action.ActionState;
import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Role;
import io.matterflow.instance.internal.InstanceEntity;
import io.matterflow.instance.internal.InstanceRepository;
import io.matterflow.instance.internal.InstanceStepEntity;
import io.matterflow.instance.internal.InstanceStepRepository;
import io.matterflow.support.StubActionHandler;
import io.micrometer.observation.ObservationRegistry;

/**
 * What {@link StepRuntime} asks a step's type, answered by its handler and nothing else: types of made-up names whose
 * handlers answer differently get different engines, without Spring. Repositories, access and progress are
 * Mockito stand-ins (access permits everything); the registry, the observations and the entities are real.
 */
class StepRuntimeTypeQuestionsTests {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    private static final UUID ORG = UUID.randomUUID();
    private static final Actor PERSON = Actor.user(UUID.randomUUID(), ORG, Role.LAWYER, "Lou Lawyer");

    private final StubActionHandler tick = new StubActionHandler(ActionType.of("TICK"), true, true, null);
    private final StubActionHandler paid = new StubActionHandler(ActionType.of("PAID_ELSEWHERE"), false, false,
            "receiptId");
    private final StubActionHandler plain = new StubActionHandler(ActionType.of("PLAIN"));

    private final InstanceStepRepository steps = mock(InstanceStepRepository.class);
    private final StepAccess access = mock(StepAccess.class);
    private final InstanceEntity instance = new InstanceEntity(UUID.randomUUID(), ORG, UUID.randomUUID(), 1,
            UUID.randomUUID(), "Intake", WorkflowStatus.ACTIVE, PERSON.userId(), NOW);
    private final StepRuntime runtime;

    StepRuntimeTypeQuestionsTests() {
        PlatformTransactionManager transactions = mock(PlatformTransactionManager.class);
        when(transactions.getTransaction(any())).thenAnswer(invocation -> new SimpleTransactionStatus());
        runtime = new StepRuntime(mock(InstanceRepository.class), steps,
                new ActionRegistry(List.of(tick, paid, plain)), access, mock(InstanceProgress.class), mock(ProviderSessions.class),
                new StepObservations(ObservationRegistry.create()), transactions, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private InstanceStepEntity step(StubActionHandler type, ActionState state) {
        var step = new InstanceStepEntity(UUID.randomUUID(), instance, null, 0, "Step", type.type(),
                RoleScope.LAWYER, true, false, Map.of(), NOW);
        step.moveTo(state, Map.of(), NOW);
        when(steps.findInstanceWithStepsOf(step.id(), ORG)).thenReturn(List.<Object[]>of(new Object[] {step, instance}));
        return step;
    }

    private java.util.Set<ActionEvent> allowed(InstanceStepEntity step) {
        return runtime.allowedEvents(PERSON, instance.toDetails(List.of(step.toDetails())), step.toDetails());
    }

    @Test
    void shouldOfferCompleteOnAReadyStepOnlyWhenItsHandlerCompletesFromReady() {
        assertThat(allowed(step(tick, ActionState.READY))).contains(ActionEvent.START, ActionEvent.COMPLETE);
        assertThat(allowed(step(plain, ActionState.READY))).contains(ActionEvent.START)
                .doesNotContain(ActionEvent.COMPLETE);
        assertThat(allowed(step(plain, ActionState.IN_PROGRESS))).contains(ActionEvent.COMPLETE);
    }

    @Test
    void shouldStartAndCompleteAReadyStepInOneGoWhenItsHandlerCompletesFromReady() {
        var step = step(tick, ActionState.READY);

        StepDetails done = runtime.complete(PERSON, step.id(), Map.of());

        assertThat(done.actionState()).isEqualTo(ActionState.COMPLETED);
        assertThat(done.actionData()).containsEntry("done", true);
        assertThat(tick.calls).containsExactly("start", "complete");
    }

    @Test
    void shouldRefuseCompleteOnAReadyStepWhoseHandlerDoesNotCompleteFromReady() {
        var step = step(plain, ActionState.READY);

        assertThatThrownBy(() -> runtime.complete(PERSON, step.id(), Map.of()))
                .isInstanceOf(io.matterflow.action.IllegalTransitionException.class);
        assertThat(plain.calls).isEmpty();
    }

    @Test
    void shouldLeaveCompletionToTheProviderWhenItsHandlerSaysPeopleDoNotComplete() {
        var step = step(paid, ActionState.IN_PROGRESS);

        assertThat(allowed(step)).doesNotContain(ActionEvent.COMPLETE).contains(ActionEvent.FAIL);
        assertThatThrownBy(() -> runtime.complete(PERSON, step.id(), Map.of()))
                .isInstanceOf(ActionRefusedException.class).hasMessageContaining("provider");
        assertThatThrownBy(() -> runtime.complete(Actor.system(ORG), step.id(), Map.of()))
                .isInstanceOf(ActionRefusedException.class);
        assertThat(paid.calls).isEmpty();

        StepDetails done = runtime.complete(Actor.provider(ORG, "mock"), step.id(), Map.of());

        assertThat(done.actionState()).isEqualTo(ActionState.COMPLETED);
        assertThat(paid.calls).containsExactly("complete");
    }

    @Test
    void shouldKeepTheProviderReferenceItsHandlerNamesAndDropItOnRetry() {
        var step = step(paid, ActionState.READY);

        runtime.start(PERSON, step.id());

        assertThat(step.providerRef()).isEqualTo("ref-" + step.id());
        runtime.fail(PERSON, step.id(), "Card declined");
        assertThat(step.providerRef()).isEqualTo("ref-" + step.id());
        runtime.retry(PERSON, step.id());
        assertThat(step.providerRef()).isNull();
        assertThat(step(plain, ActionState.READY)).satisfies(other -> {
            runtime.start(PERSON, other.id());
            assertThat(other.providerRef()).isNull();
        });
    }
}
