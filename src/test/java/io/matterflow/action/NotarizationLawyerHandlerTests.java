package io.matterflow.action;

import static io.matterflow.action.ActionHandlerBehaviourTests.payloadErrorFields;
import static io.matterflow.action.TestHandlers.context;
import static io.matterflow.action.TestHandlers.map;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The test-only type's handler without Spring, as the guide's handler tests. */
class NotarizationLawyerHandlerTests {

    private final NotarizationLawyerHandler handler = new NotarizationLawyerHandler(TestHandlers.VALIDATOR);
    private final ActionContext<NotarizationConfig> ctx = context(NotarizationLawyerHandler.TYPE,
            new NotarizationConfig("Power of attorney", null), ActionState.IN_PROGRESS, TestHandlers.lawyer());

    @Test
    void shouldRecordTheRegisterNumberAndTheDate() {
        handler.complete(ctx, map("registerNumber", "2026/117", "notarizedOn", "2025-03-14"));

        assertThat(ctx.data()).containsEntry("registerNumber", "2026/117").containsEntry("notarizedOn", "2025-03-14");
        assertThat(handler.getNextStateOnEvent(ctx, ActionEvent.COMPLETE)).isEqualTo(ActionState.COMPLETED);
    }

    @Test
    void shouldRefuseAMissingRegisterNumberABadDateAndAFutureDate() {   // TestHandlers.NOW is 2025-03-14
        assertThat(payloadErrorFields(() -> handler.complete(ctx, map("notarizedOn", "2025-03-14"))))
                .containsExactly("registerNumber");
        assertThat(payloadErrorFields(() -> handler.complete(ctx, map("registerNumber", "1", "notarizedOn", "14.3.2025"))))
                .containsExactly("notarizedOn");
        assertThat(payloadErrorFields(() -> handler.complete(ctx, map("registerNumber", "1", "notarizedOn", "2025-03-15"))))
                .containsExactly("notarizedOn");
    }

    @Test
    void shouldKeepTheDefaultAnswersToTheTypeQuestions() {
        assertThat(handler.completesFromReady()).isFalse();
        assertThat(handler.completedByPeople()).isTrue();
        assertThat(handler.providerKind()).isNull();
        assertThat(handler.providerReferenceKey()).isNull();
        assertThat(handler.documentsToSign(java.util.Map.of("documentName", "Power of attorney"))).isEmpty();
        assertThat(handler.acceptedUploads(ctx.config())).isEmpty();
        assertThat(NotarizationLawyerHandler.TYPE.label()).isEqualTo("Notarization lawyer");
        assertThat(handler.label()).isEqualTo("Notarization");
    }
}
