package io.matterflow.action;

import static io.matterflow.action.ActionEvent.AUTO_SKIP;
import static io.matterflow.action.ActionEvent.BLOCK;
import static io.matterflow.action.ActionEvent.CLAIM;
import static io.matterflow.action.ActionEvent.COMPLETE;
import static io.matterflow.action.ActionEvent.FAIL;
import static io.matterflow.action.ActionEvent.RETRY;
import static io.matterflow.action.ActionEvent.SKIP;
import static io.matterflow.action.ActionEvent.START;
import static io.matterflow.action.ActionEvent.UNBLOCK;
import static io.matterflow.action.ActionEvent.UNCLAIM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class StepStateMachineTests {

    /** The expected table, written out independently of the production one (SPEC section 4 plus AUTO_SKIP, WITHDRAW, ASSIGN and RELEASE). */
    private static final Map<ActionState, Map<ActionEvent, ActionState>> EXPECTED = new EnumMap<>(ActionState.class);

    static {
        for (ActionState state : ActionState.values()) {
            EXPECTED.put(state, new EnumMap<>(ActionEvent.class));
        }
        EXPECTED.get(ActionState.PENDING).put(ActionEvent.READY, ActionState.READY);
        EXPECTED.get(ActionState.PENDING).put(AUTO_SKIP, ActionState.SKIPPED);
        EXPECTED.get(ActionState.READY).put(CLAIM, ActionState.READY);
        EXPECTED.get(ActionState.READY).put(UNCLAIM, ActionState.READY);
        EXPECTED.get(ActionState.READY).put(START, ActionState.IN_PROGRESS);
        EXPECTED.get(ActionState.READY).put(SKIP, ActionState.SKIPPED);
        EXPECTED.get(ActionState.READY).put(AUTO_SKIP, ActionState.SKIPPED);
        EXPECTED.get(ActionState.READY).put(ActionEvent.WITHDRAW, ActionState.PENDING);
        EXPECTED.get(ActionState.IN_PROGRESS).put(COMPLETE, ActionState.COMPLETED);
        EXPECTED.get(ActionState.IN_PROGRESS).put(FAIL, ActionState.FAILED);
        EXPECTED.get(ActionState.IN_PROGRESS).put(BLOCK, ActionState.BLOCKED);
        EXPECTED.get(ActionState.IN_PROGRESS).put(SKIP, ActionState.SKIPPED);
        EXPECTED.get(ActionState.BLOCKED).put(UNBLOCK, ActionState.IN_PROGRESS);
        EXPECTED.get(ActionState.FAILED).put(RETRY, ActionState.READY);
        EXPECTED.get(ActionState.READY).put(ActionEvent.ASSIGN, ActionState.READY);
        EXPECTED.get(ActionState.IN_PROGRESS).put(ActionEvent.ASSIGN, ActionState.IN_PROGRESS);
        EXPECTED.get(ActionState.BLOCKED).put(ActionEvent.ASSIGN, ActionState.BLOCKED);
        EXPECTED.get(ActionState.READY).put(ActionEvent.RELEASE, ActionState.READY);
        EXPECTED.get(ActionState.IN_PROGRESS).put(ActionEvent.RELEASE, ActionState.IN_PROGRESS);
        EXPECTED.get(ActionState.BLOCKED).put(ActionEvent.RELEASE, ActionState.BLOCKED);
    }

    static Stream<Arguments> allowedPairs() {
        List<Arguments> pairs = new ArrayList<>();
        EXPECTED.forEach((state, events) -> events.forEach((event, to) -> pairs.add(Arguments.of(state, event, to))));
        return pairs.stream();
    }

    static Stream<Arguments> forbiddenPairs() {
        List<Arguments> pairs = new ArrayList<>();
        for (ActionState state : ActionState.values()) {
            for (ActionEvent event : ActionEvent.values()) {
                if (!EXPECTED.get(state).containsKey(event)) {
                    pairs.add(Arguments.of(state, event));
                }
            }
        }
        return pairs.stream();
    }

    @Test
    void shouldCoverEveryStateEventPairExactlyOnce() {
        assertThat(allowedPairs().count() + forbiddenPairs().count())
                .isEqualTo((long) ActionState.values().length * ActionEvent.values().length)
                .isEqualTo(98L);
    }

    @ParameterizedTest(name = "{0} --{1}--> {2}")
    @MethodSource("allowedPairs")
    void shouldMoveAllowedPairToExpectedState(ActionState from, ActionEvent event, ActionState to) {
        assertThat(StepStateMachine.transition(from, event)).isEqualTo(to);
        assertThat(StepStateMachine.next(from, event)).contains(to);
    }

    @ParameterizedTest(name = "{0} --{1}--> refused")
    @MethodSource("forbiddenPairs")
    void shouldRefuseForbiddenPairNamingStateEventAndAllowedEvents(ActionState from, ActionEvent event) {
        assertThat(StepStateMachine.next(from, event)).isEmpty();

        IllegalTransitionException e = catchThrowableOfType(IllegalTransitionException.class,
                () -> StepStateMachine.transition(from, event));

        assertThat(e).isNotNull();
        List<String> expectedAllowed = EXPECTED.get(from).keySet().stream().map(ActionEvent::route).sorted().toList();
        assertThat(e.details())
                .containsEntry("state", from.name())
                .containsEntry("event", event.route())
                .containsEntry("allowedEvents", expectedAllowed);
        assertThat(e.getMessage()).contains(from.name()).contains(event.route());
    }

    @ParameterizedTest
    @EnumSource(ActionState.class)
    void shouldListAllowedEventsOfEachState(ActionState state) {
        Set<ActionEvent> expected = EXPECTED.get(state).isEmpty()
                ? EnumSet.noneOf(ActionEvent.class) : EnumSet.copyOf(EXPECTED.get(state).keySet());

        assertThat(StepStateMachine.allowedEvents(state)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @EnumSource(value = ActionState.class, names = {"COMPLETED", "SKIPPED"})
    void shouldAllowNoEventFromFinalStates(ActionState state) {
        assertThat(StepStateMachine.allowedEvents(state)).isEmpty();
    }

    @Test
    void shouldSayNoneInMessageWhenStateAllowsNothing() {
        IllegalTransitionException e = catchThrowableOfType(IllegalTransitionException.class,
                () -> StepStateMachine.transition(ActionState.COMPLETED, RETRY));

        assertThat(e.getMessage()).isEqualTo("cannot retry a step that is COMPLETED; allowed: none");
        assertThat(e.details()).containsEntry("allowedEvents", List.of());
    }

    @ParameterizedTest
    @EnumSource(ActionState.class)
    void shouldTreatOnlyCompletedSkippedAndFailedAsTerminal(ActionState state) {
        boolean expected = state == ActionState.COMPLETED || state == ActionState.SKIPPED
                || state == ActionState.FAILED;

        assertThat(StepStateMachine.isTerminal(state)).isEqualTo(expected);
    }

    @Test
    void shouldLetHandlersChooseOnlyCompletedOrFailedOnComplete() {
        assertThat(StepStateMachine.COMPLETE_OUTCOMES)
                .containsExactlyInAnyOrder(ActionState.COMPLETED, ActionState.FAILED);
    }
}
