package io.matterflow.action;

import static io.matterflow.action.TestHandlers.CLIENT;
import static io.matterflow.action.TestHandlers.LAWYER;
import static io.matterflow.action.TestHandlers.NOW;
import static io.matterflow.action.TestHandlers.ORG;
import static io.matterflow.action.TestHandlers.STEP;
import static io.matterflow.action.TestHandlers.context;
import static io.matterflow.action.TestHandlers.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.function.Executable;

import io.matterflow.action.internal.ApprovalConfig;
import io.matterflow.action.internal.ApprovalLawyerHandler;
import io.matterflow.action.internal.ChecklistConfig;
import io.matterflow.action.internal.ChecklistHandler;
import io.matterflow.action.internal.DocumentRequestHandler;
import io.matterflow.action.internal.MockESignatureProvider;
import io.matterflow.action.internal.MockPaymentProvider;
import io.matterflow.action.internal.PaymentClientHandler;
import io.matterflow.action.internal.PaymentConfig;
import io.matterflow.action.internal.SignatureClientHandler;
import io.matterflow.common.ConflictException;
import io.matterflow.common.FieldError;
import io.matterflow.directory.Actor;

class ActionHandlerBehaviourTests {

    /** The fields an {@link InvalidPayloadException} names, in order, without repeats. */
    static List<String> payloadErrorFields(Executable call) {
        InvalidPayloadException e = catchThrowableOfType(InvalidPayloadException.class, call::execute);
        assertThat(e).as("expected an InvalidPayloadException").isNotNull();
        return e.errors().stream().map(FieldError::field).distinct().toList();
    }

    @Nested
    class ApprovalLawyer {

        private final ApprovalLawyerHandler handler = TestHandlers.approval();
        private final ActionContext<ApprovalConfig> ctx = context(ActionType.APPROVAL_LAWYER,
                new ApprovalConfig(RoleScope.LAWYER, null), ActionState.IN_PROGRESS, TestHandlers.lawyer());

        @Test
        void shouldCompleteApprovedApproval() {
            handler.complete(ctx, map("approved", true));

            assertThat(ctx.data()).containsEntry("approved", true).doesNotContainKey("comment");
            assertThat(handler.getNextStateOnEvent(ctx, ActionEvent.COMPLETE)).isEqualTo(ActionState.COMPLETED);
        }

        @Test
        void shouldRecordWhoDecidedAndWhen() {
            handler.complete(ctx, map("approved", true));

            assertThat(ctx.data())
                    .containsEntry("decidedBy", LAWYER.toString())
                    .containsEntry("decidedAt", NOW.toString());
        }

        @Test
        void shouldKeepCommentOfApproval() {
            handler.complete(ctx, map("approved", true, "comment", "No conflicts"));

            assertThat(ctx.data()).containsEntry("comment", "No conflicts");
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   "})
        void shouldRefuseRejectionWithoutComment(String comment) {
            assertThat(payloadErrorFields(() -> handler.complete(ctx, map("approved", false, "comment", comment))))
                    .containsExactly("comment");
            assertThat(ctx.data()).isEmpty();
        }

        @Test
        void shouldFailRejectionWithComment() {
            handler.complete(ctx, map("approved", false, "comment", "Conflict with an existing client"));

            assertThat(ctx.data())
                    .containsEntry("approved", false)
                    .containsEntry("comment", "Conflict with an existing client");
            assertThat(handler.getNextStateOnEvent(ctx, ActionEvent.COMPLETE)).isEqualTo(ActionState.FAILED);
        }

        @Test
        void shouldNotKeepRejectionCommentWhenApprovedAfterRetry() {
            ctx.data().putAll(map("approved", false, "comment", "Conflict found", "retries", 1));

            handler.complete(ctx, map("approved", true));

            assertThat(ctx.data()).containsEntry("approved", true).doesNotContainKey("comment");
            assertThat(handler.getNextStateOnEvent(ctx, ActionEvent.COMPLETE)).isEqualTo(ActionState.COMPLETED);
        }

        @Test
        void shouldRequireApprovedFlag() {
            assertThat(payloadErrorFields(() -> handler.complete(ctx, map("comment", "ok"))))
                    .containsExactly("approved");
        }

        @Test
        void shouldTreatNullPayloadAsEmpty() {
            assertThat(payloadErrorFields(() -> handler.complete(ctx, null))).containsExactly("approved");
        }

        @ParameterizedTest
        @ValueSource(strings = {"yes", "true", "1"})
        void shouldRefuseApprovedThatIsNotBoolean(String approved) {
            assertThat(payloadErrorFields(() -> handler.complete(ctx, map("approved", approved))))
                    .containsExactly("approved");
        }

        @Test
        void shouldRefuseApprovedAsNumber() {
            assertThat(payloadErrorFields(() -> handler.complete(ctx, map("approved", 1))))
                    .containsExactly("approved");
        }

        @Test
        void shouldRefuseCommentThatIsTooLong() {
            assertThat(payloadErrorFields(() -> handler.complete(ctx, map("approved", true, "comment", "c".repeat(2001)))))
                    .containsExactly("comment");
        }

        @Test
        void shouldRefuseUnknownPayloadField() {
            assertThat(payloadErrorFields(() -> handler.complete(ctx, map("approved", true, "note", "x"))))
                    .containsExactly("note");
        }

        @Test
        void shouldStartWithoutClientAndWithoutTouchingData() {
            var noClient = context(ActionType.APPROVAL_LAWYER, new ApprovalConfig(null, null), ActionState.READY,
                    TestHandlers.lawyer(), null);

            assertThat(handler.canStart(noClient)).isTrue();
            handler.start(noClient);
            assertThat(noClient.data()).isEmpty();
        }
    }

    /** Records what the engine asks of it and answers with a fixed session. */
    static final class RecordingSignatureProvider implements ESignatureProvider {
        final List<SignatureRequest> requests = new ArrayList<>();

        @Override
        public String name() {
            return "inksign";
        }

        @Override
        public SignatureSession createSession(SignatureRequest request) {
            requests.add(request);
            return new SignatureSession("sess-1", "https://sign.example/sess-1");
        }

        final List<String> cancelled = new ArrayList<>();

        @Override
        public void cancel(String sessionId) {
            cancelled.add(sessionId);
        }
    }

    @Nested
    class SignatureClient {

        private final RecordingSignatureProvider inksign = new RecordingSignatureProvider();
        private final SignatureClientHandler handler = TestHandlers.signature(new MockESignatureProvider(java.time.Clock.systemUTC()), inksign);

        private ActionContext<SignatureConfig> started(String provider) {
            var ctx = context(ActionType.SIGNATURE_CLIENT, new SignatureConfig("engagement-letter", provider),
                    ActionState.READY, TestHandlers.client());
            handler.start(ctx);
            return ctx;
        }

        @Test
        void shouldNotStartWithoutClient() {
            var ctx = context(ActionType.SIGNATURE_CLIENT, new SignatureConfig("letter", null), ActionState.READY,
                    TestHandlers.lawyer(), null);

            assertThat(handler.canStart(ctx)).isFalse();
        }

        @Test
        void shouldStartWhenMatterHasClient() {
            var ctx = context(ActionType.SIGNATURE_CLIENT, new SignatureConfig("letter", null), ActionState.READY,
                    TestHandlers.lawyer(), CLIENT);

            assertThat(handler.canStart(ctx)).isTrue();
        }

        @Test
        void shouldStoreSessionIdAndSigningUrlOnStart() {
            var ctx = started("inksign");

            assertThat(ctx.data())
                    .containsEntry("provider", "inksign")
                    .containsEntry("signatureSessionId", "sess-1")
                    .containsEntry("signingUrl", "https://sign.example/sess-1")
                    .containsEntry("sessionCreatedAt", NOW.toString());
        }

        @Test
        void shouldCancelTheAttemptsSessionAtTheProviderThatOpenedIt() {
            var ctx = started("inksign");

            handler.closeSession(ctx);

            assertThat(inksign.cancelled).containsExactly("sess-1");
        }

        @Test
        void shouldCloseNothingForAnAttemptThatOpenedNoSession() {
            var ctx = context(ActionType.SIGNATURE_CLIENT, new SignatureConfig("letter", "inksign"), ActionState.READY,
                    TestHandlers.lawyer(), CLIENT);

            handler.closeSession(ctx);

            assertThat(inksign.cancelled).isEmpty();
        }

        @Test
        void shouldAskProviderToHaveClientSignConfiguredDocument() {
            started("inksign");

            assertThat(inksign.requests).containsExactly(
                    new ESignatureProvider.SignatureRequest(STEP, ORG, "engagement-letter", CLIENT));
        }

        @Test
        void shouldUseMockProviderByDefault() {
            var ctx = started(null);

            String sessionId = (String) ctx.data().get("signatureSessionId");
            assertThat(sessionId).startsWith("mock-sig-");
            assertThat(ctx.data()).containsEntry("provider", "mock").containsEntry("signingUrl", "/mock/esign/" + sessionId + "?step=" + ctx.stepId());
            assertThat(inksign.requests).isEmpty();
        }

        @Test
        void shouldCompleteWithMatchingSession() {
            var ctx = started("inksign");

            handler.complete(ctx, map("signatureSessionId", "sess-1"));

            assertThat(ctx.data()).containsEntry("signatureOutcome", "SIGNED");
            assertThat(handler.getNextStateOnEvent(inProgress(ctx), ActionEvent.COMPLETE))
                    .isEqualTo(ActionState.COMPLETED);
        }

        @Test
        void shouldNameSessionIdThatDoesNotMatch() {
            var ctx = started("inksign");

            assertThat(payloadErrorFields(() -> handler.complete(ctx, map("signatureSessionId", "sess-2"))))
                    .containsExactly("signatureSessionId");
            assertThat(ctx.data()).doesNotContainKey("signatureOutcome");
        }

        @Test
        void shouldNameSessionIdWhenNoSessionWasStarted() {
            var ctx = context(ActionType.SIGNATURE_CLIENT, new SignatureConfig("letter", null),
                    ActionState.IN_PROGRESS, TestHandlers.provider("mock"));

            assertThat(payloadErrorFields(() -> handler.complete(ctx, map("signatureSessionId", "sess-1"))))
                    .containsExactly("signatureSessionId");
        }

        @Test
        void shouldRequireSessionId() {
            var ctx = started("inksign");

            assertThat(payloadErrorFields(() -> handler.complete(ctx, map()))).containsExactly("signatureSessionId");
        }

        @Test
        void shouldFailDeclinedSignature() {
            var ctx = started("inksign");

            handler.complete(ctx, map("signatureSessionId", "sess-1", "outcome", "DECLINED",
                    "reason", "Fee too high"));

            assertThat(ctx.data())
                    .containsEntry("signatureOutcome", "DECLINED")
                    .containsEntry("declineReason", "Fee too high");
            assertThat(handler.getNextStateOnEvent(inProgress(ctx), ActionEvent.COMPLETE))
                    .isEqualTo(ActionState.FAILED);
        }

        @Test
        void shouldRequireReasonForDecline() {
            var ctx = started("inksign");

            assertThat(payloadErrorFields(() -> handler.complete(ctx,
                    map("signatureSessionId", "sess-1", "outcome", "DECLINED"))))
                    .containsExactly("reason");
        }

        @Test
        void shouldRefuseUnknownOutcome() {
            var ctx = started("inksign");

            assertThat(payloadErrorFields(() -> handler.complete(ctx,
                    map("signatureSessionId", "sess-1", "outcome", "MAYBE"))))
                    .containsExactly("outcome");
        }

        @Test
        void shouldNotKeepDeclineReasonWhenSignedAfterRetry() {
            var ctx = started("inksign");
            ctx.data().putAll(map("signatureOutcome", "DECLINED", "declineReason", "Fee too high", "retries", 1));

            handler.complete(ctx, map("signatureSessionId", "sess-1"));

            assertThat(ctx.data()).containsEntry("signatureOutcome", "SIGNED").doesNotContainKey("declineReason");
        }

        private ActionContext<SignatureConfig> inProgress(ActionContext<SignatureConfig> ctx) {
            return new ActionContext<>(ctx.stepId(), ctx.instanceId(), ctx.matterId(), ctx.orgId(), ctx.type(),
                    ctx.config(), ctx.data(), ActionState.IN_PROGRESS, ctx.actor(), ctx.clientId(), ctx.now());
        }
    }

    @Nested
    class DocumentRequest {

        private final UUID pdf = UUID.randomUUID();
        private final UUID png = UUID.randomUUID();
        private final UUID otherStepsPdf = UUID.randomUUID();
        private final UUID otherOrgsPdf = UUID.randomUUID();
        private final UUID otherOrg = UUID.randomUUID();
        private final Map<UUID, DocumentInfo> stored = new HashMap<>();
        private final List<UUID> lookedUpOrgs = new ArrayList<>();

        private final DocumentLookup lookup = TestHandlers.lookup((orgId, documentId) -> {
            lookedUpOrgs.add(orgId);
            return Optional.ofNullable(stored.get(documentId)).filter(d -> d.orgId().equals(orgId));
        });
        private final DocumentRequestHandler handler = TestHandlers.documentRequest(lookup);

        DocumentRequest() {
            stored.put(pdf, document(pdf, ORG, STEP, "passport.pdf", "application/pdf"));
            stored.put(png, document(png, ORG, STEP, "passport.png", "image/png"));
            stored.put(otherStepsPdf, document(otherStepsPdf, ORG, UUID.randomUUID(), "id.pdf", "application/pdf"));
            stored.put(otherOrgsPdf, document(otherOrgsPdf, otherOrg, STEP, "id.pdf", "application/pdf"));
        }

        private static DocumentInfo document(UUID id, UUID org, UUID step, String name, String contentType) {
            return new DocumentInfo(id, org, step, name, contentType, 1024, "ab".repeat(32), CLIENT,
                    Instant.parse("2025-03-14T09:00:00Z"));
        }

        private ActionContext<DocumentRequestConfig> ctx(List<String> acceptedTypes) {
            return context(ActionType.REQUEST_DOC_CLIENT, new DocumentRequestConfig("Upload your passport",
                    acceptedTypes), ActionState.IN_PROGRESS, TestHandlers.client());
        }

        @Test
        void shouldOpenRequestOnStart() {
            var ctx = ctx(List.of());

            handler.start(ctx);

            assertThat(ctx.data())
                    .containsEntry("requestText", "Upload your passport")
                    .containsEntry("requestOpenedAt", NOW.toString());
        }

        @Test
        void shouldCompleteWithAcceptedDocumentsOfThisStep() {
            var ctx = ctx(List.of(".pdf", "image/*"));

            handler.complete(ctx, map("documentIds", List.of(pdf.toString(), png.toString())));

            assertThat(ctx.data())
                    .containsEntry("documentIds", List.of(pdf.toString(), png.toString()))
                    .containsEntry("submittedAt", NOW.toString());
            assertThat(handler.getNextStateOnEvent(ctx, ActionEvent.COMPLETE)).isEqualTo(ActionState.COMPLETED);
        }

        @Test
        void shouldAcceptAnyTypeWhenNoneConfigured() {
            var ctx = ctx(null);

            handler.complete(ctx, map("documentIds", List.of(png.toString())));

            assertThat(ctx.data()).containsEntry("documentIds", List.of(png.toString()));
        }

        @Test
        void shouldNameUnknownDocumentByIndex() {
            assertThat(payloadErrorFields(() -> handler.complete(ctx(List.of()),
                    map("documentIds", List.of(UUID.randomUUID().toString())))))
                    .containsExactly("documentIds[0]");
        }

        @Test
        void shouldNameDocumentOfAnotherStepByIndex() {
            assertThat(payloadErrorFields(() -> handler.complete(ctx(List.of()),
                    map("documentIds", List.of(pdf.toString(), otherStepsPdf.toString())))))
                    .containsExactly("documentIds[1]");
        }

        @Test
        void shouldLookUpDocumentsInStepsOrganizationOnly() {
            assertThat(payloadErrorFields(() -> handler.complete(ctx(List.of()),
                    map("documentIds", List.of(otherOrgsPdf.toString())))))
                    .containsExactly("documentIds[0]");
            assertThat(lookedUpOrgs).containsOnly(ORG);
        }

        @Test
        void shouldNameDocumentOfWrongTypeByIndex() {
            assertThat(payloadErrorFields(() -> handler.complete(ctx(List.of("application/pdf")),
                    map("documentIds", List.of(png.toString())))))
                    .containsExactly("documentIds[0]");
        }

        @Test
        void shouldNameDocumentTheUploadScanRejectedByIndex() {
            UUID infected = UUID.randomUUID();
            stored.put(infected, new DocumentInfo(infected, ORG, STEP, "scan.pdf", "application/pdf", 1024,
                    "cd".repeat(32), CLIENT, Instant.parse("2025-03-14T09:00:00Z"), DocumentStatus.REJECTED));
            UUID accepted = UUID.randomUUID();
            stored.put(accepted, new DocumentInfo(accepted, ORG, STEP, "id.pdf", "application/pdf", 1024,
                    "ef".repeat(32), CLIENT, Instant.parse("2025-03-14T09:00:00Z"), DocumentStatus.ACCEPTED));

            assertThat(payloadErrorFields(() -> handler.complete(ctx(List.of()),
                    map("documentIds", List.of(accepted.toString(), infected.toString(), pdf.toString())))))
                    .containsExactly("documentIds[1]");
        }

        @Test
        void shouldRefuseDocumentsNotScannedCleanWhileTheFirmRequiresIt() {
            UUID accepted = UUID.randomUUID();
            stored.put(accepted, new DocumentInfo(accepted, ORG, STEP, "id.pdf", "application/pdf", 1024,
                    "ef".repeat(32), CLIENT, Instant.parse("2025-03-14T09:00:00Z"), DocumentStatus.ACCEPTED));
            List<UUID> required = new ArrayList<>();
            var strict = TestHandlers.documentRequest(lookup, org -> required.add(org));
            var ctx = ctx(List.of());

            var refused = catchThrowableOfType(ConflictException.class, () -> strict.complete(ctx,
                    map("documentIds", List.of(accepted.toString(), pdf.toString()))));

            assertThat(required).containsExactly(ORG);
            assertThat(refused.details()).containsEntry("rule", ScanRequirement.FLAG)
                    .containsEntry("documents", List.of(Map.of("id", pdf.toString(), "name", "passport.pdf",
                            "status", "UNSCANNED")));
            assertThat(ctx.data()).doesNotContainKey("documentIds");
            // all clean: completes
            strict.complete(ctx, map("documentIds", List.of(accepted.toString())));
            assertThat(ctx.data()).containsEntry("documentIds", List.of(accepted.toString()));
        }

        @Test
        void shouldRefuseWhenADocumentWasRemovedBeforeItWasMarkedSubmitted() {
            DocumentLookup removedMeanwhile = new DocumentLookup() {
                @Override
                public Optional<DocumentInfo> find(UUID orgId, UUID documentId) {
                    return lookup.find(orgId, documentId);
                }

                @Override
                public int markSubmitted(UUID orgId, UUID stepId, java.util.Collection<UUID> ids, Instant at) {
                    return ids.size() - 1;
                }
            };
            var ctx = ctx(List.of());

            assertThatThrownBy(() -> TestHandlers.documentRequest(removedMeanwhile).complete(ctx,
                    map("documentIds", List.of(pdf.toString(), png.toString()))))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("removed");
            assertThat(ctx.data()).doesNotContainKey("documentIds");
        }

        @Test
        void shouldNameEveryBadDocument() {
            assertThat(payloadErrorFields(() -> handler.complete(ctx(List.of(".pdf")),
                    map("documentIds", List.of(png.toString(), pdf.toString(), otherStepsPdf.toString())))))
                    .containsExactly("documentIds[0]", "documentIds[2]");
        }

        @Test
        void shouldRefuseRepeatedDocument() {
            assertThat(payloadErrorFields(() -> handler.complete(ctx(List.of()),
                    map("documentIds", List.of(pdf.toString(), pdf.toString())))))
                    .containsExactly("documentIds");
        }

        @Test
        void shouldRequireAtLeastOneDocument() {
            assertThat(payloadErrorFields(() -> handler.complete(ctx(List.of()), map("documentIds", List.of()))))
                    .containsExactly("documentIds");
            assertThat(payloadErrorFields(() -> handler.complete(ctx(List.of()), map())))
                    .containsExactly("documentIds");
        }

        @Test
        void shouldRefuseMoreThanTwentyDocuments() {
            List<String> ids = IntStream.range(0, 21).mapToObj(i -> UUID.randomUUID().toString()).toList();

            assertThat(payloadErrorFields(() -> handler.complete(ctx(List.of()), map("documentIds", ids))))
                    .containsExactly("documentIds");
        }

        @Test
        void shouldNameMalformedDocumentIdByIndex() {
            assertThat(payloadErrorFields(() -> handler.complete(ctx(List.of()),
                    map("documentIds", List.of(pdf.toString(), "not-a-uuid")))))
                    .containsExactly("documentIds[1]");
        }
    }

    /** Records what the engine asks of it and answers with a fixed intent. */
    static final class RecordingPaymentProvider implements PaymentProvider {
        final List<PaymentRequest> requests = new ArrayList<>();

        @Override
        public String name() {
            return "paystub";
        }

        @Override
        public PaymentIntent createIntent(PaymentRequest request) {
            requests.add(request);
            return new PaymentIntent("pi-1", "https://pay.example/pi-1");
        }

        final List<String> cancelled = new ArrayList<>();

        @Override
        public void cancel(String intentId) {
            cancelled.add(intentId);
        }
    }

    @Nested
    class PaymentClient {

        private final RecordingPaymentProvider paystub = new RecordingPaymentProvider();
        private final PaymentClientHandler handler = TestHandlers.payment(new MockPaymentProvider(java.time.Clock.systemUTC()), paystub);
        private final PaymentConfig config = new PaymentConfig(new BigDecimal("1500.00"), "EUR", "paystub");

        private ActionContext<PaymentConfig> started(Actor actor) {
            var ctx = context(ActionType.PAYMENT_CLIENT, config, ActionState.IN_PROGRESS, actor);
            handler.start(ctx);
            return ctx;
        }

        private static Map<String, Object> confirmation(String intent, String status, Object amount, String currency) {
            return map("paymentIntentId", intent, "status", status, "amount", amount, "currency", currency);
        }

        @Test
        void shouldNotStartWithoutClient() {
            var ctx = context(ActionType.PAYMENT_CLIENT, config, ActionState.READY, TestHandlers.lawyer(), null);

            assertThat(handler.canStart(ctx)).isFalse();
        }

        @Test
        void shouldCancelTheAttemptsIntentAtTheProviderThatOpenedIt() {
            var ctx = started(TestHandlers.client());

            handler.closeSession(ctx);

            assertThat(paystub.cancelled).containsExactly("pi-1");
        }

        @Test
        void shouldCreateIntentOnStart() {
            var ctx = started(TestHandlers.client());

            assertThat(ctx.data())
                    .containsEntry("provider", "paystub")
                    .containsEntry("paymentIntentId", "pi-1")
                    .containsEntry("checkoutUrl", "https://pay.example/pi-1")
                    .containsEntry("amount", "1500.00")
                    .containsEntry("currency", "EUR");
            assertThat(paystub.requests).containsExactly(
                    new PaymentProvider.PaymentRequest(STEP, ORG, new BigDecimal("1500.00"), "EUR", CLIENT));
        }

        @Test
        void shouldUseMockProviderByDefault() {
            var ctx = context(ActionType.PAYMENT_CLIENT, new PaymentConfig(BigDecimal.TEN, "USD", null),
                    ActionState.READY, TestHandlers.client());

            handler.start(ctx);

            assertThat((String) ctx.data().get("paymentIntentId")).startsWith("mock-pi-");
            assertThat(ctx.data()).containsEntry("provider", "mock");
        }

        @Test
        void shouldLeaveCompletionToThePaymentProviderWhoFindsTheStepByItsIntent() {
            var ctx = started(TestHandlers.client());

            // the runtime refuses a person's COMPLETE (StepRuntimeTypeQuestionsTests)
            assertThat(handler.completedByPeople()).isFalse();
            assertThat(handler.completesFromReady()).isFalse();
            assertThat(handler.providerKind()).isEqualTo(PaymentProvider.KIND);
            assertThat(ctx.data()).containsEntry(handler.providerReferenceKey(), "pi-1");
        }

        @Test
        void shouldCompleteOnProviderConfirmation() {
            var ctx = started(TestHandlers.provider("paystub"));

            handler.complete(ctx, confirmation("pi-1", "SUCCEEDED", new BigDecimal("1500.00"), "EUR"));

            assertThat(ctx.data()).containsEntry("paymentStatus", "SUCCEEDED").containsEntry("paidAt", NOW.toString());
            assertThat(handler.getNextStateOnEvent(ctx, ActionEvent.COMPLETE)).isEqualTo(ActionState.COMPLETED);
        }

        @Test
        void shouldCompareAmountsByValueNotScale() {
            var ctx = started(TestHandlers.provider("paystub"));

            handler.complete(ctx, confirmation("pi-1", "SUCCEEDED", 1500, "EUR"));

            assertThat(ctx.data()).containsEntry("paymentStatus", "SUCCEEDED");
        }

        @Test
        void shouldFailOnFailedPayment() {
            var ctx = started(TestHandlers.provider("paystub"));

            handler.complete(ctx, confirmation("pi-1", "FAILED", 1500, "EUR"));

            assertThat(ctx.data()).containsEntry("paymentStatus", "FAILED");
            assertThat(handler.getNextStateOnEvent(ctx, ActionEvent.COMPLETE)).isEqualTo(ActionState.FAILED);
        }

        @Test
        void shouldNameMismatchedAmount() {
            var ctx = started(TestHandlers.provider("paystub"));

            assertThat(payloadErrorFields(() -> handler.complete(ctx, confirmation("pi-1", "SUCCEEDED", 150, "EUR"))))
                    .containsExactly("amount");
            assertThat(ctx.data()).doesNotContainKey("paymentStatus");
        }

        @Test
        void shouldNameMismatchedCurrency() {
            var ctx = started(TestHandlers.provider("paystub"));

            assertThat(payloadErrorFields(() -> handler.complete(ctx, confirmation("pi-1", "SUCCEEDED", 1500, "USD"))))
                    .containsExactly("currency");
        }

        @Test
        void shouldNameMismatchedIntent() {
            var ctx = started(TestHandlers.provider("paystub"));

            assertThat(payloadErrorFields(() -> handler.complete(ctx, confirmation("pi-2", "SUCCEEDED", 1500, "EUR"))))
                    .containsExactly("paymentIntentId");
        }

        @Test
        void shouldNameEveryMismatch() {
            var ctx = started(TestHandlers.provider("paystub"));

            assertThat(payloadErrorFields(() -> handler.complete(ctx, confirmation("pi-2", "SUCCEEDED", 1, "USD"))))
                    .containsExactly("paymentIntentId", "amount", "currency");
        }

        @Test
        void shouldRequireStatus() {
            var ctx = started(TestHandlers.provider("paystub"));

            assertThat(payloadErrorFields(() -> handler.complete(ctx, confirmation("pi-1", null, 1500, "EUR"))))
                    .containsExactly("status");
        }

        @Test
        void shouldRefuseUnknownStatus() {
            var ctx = started(TestHandlers.provider("paystub"));

            assertThat(payloadErrorFields(() -> handler.complete(ctx, confirmation("pi-1", "PENDING", 1500, "EUR"))))
                    .containsExactly("status");
        }

        @Test
        void shouldRefuseAmountAsString() {
            var ctx = started(TestHandlers.provider("paystub"));

            assertThat(payloadErrorFields(() -> handler.complete(ctx, confirmation("pi-1", "SUCCEEDED", "1500.00", "EUR"))))
                    .containsExactly("amount");
        }
    }

    @Nested
    class Checklist {

        private final ChecklistHandler handler = TestHandlers.checklist();

        private ActionContext<ChecklistConfig> ctx(List<String> items) {
            return context(ActionType.CHECKLIST, new ChecklistConfig(items), ActionState.IN_PROGRESS,
                    TestHandlers.lawyer());
        }

        @Test
        void shouldCompleteWhenEveryItemIsChecked() {
            var ctx = ctx(List.of("Open the file", "Add to billing"));

            handler.complete(ctx, map("checked", List.of("Add to billing", "Open the file")));

            assertThat(ctx.data())
                    .containsEntry("checked", List.of("Add to billing", "Open the file"))
                    .containsEntry("checkedAt", NOW.toString());
            assertThat(handler.getNextStateOnEvent(ctx, ActionEvent.COMPLETE)).isEqualTo(ActionState.COMPLETED);
        }

        @Test
        void shouldRequireEveryItemToBeChecked() {
            assertThat(payloadErrorFields(() -> handler.complete(ctx(List.of("a", "b")), map("checked", List.of("a")))))
                    .containsExactly("checked");
        }

        @Test
        void shouldRequireCheckedWhenItemsAreConfigured() {
            assertThat(payloadErrorFields(() -> handler.complete(ctx(List.of("a")), map())))
                    .containsExactly("checked");
        }

        @Test
        void shouldNameUnknownItemByIndex() {
            assertThat(payloadErrorFields(() -> handler.complete(ctx(List.of("a", "b")),
                    map("checked", List.of("a", "z", "b")))))
                    .containsExactly("checked[1]");
        }

        @Test
        void shouldNameBlankItemByIndex() {
            assertThat(payloadErrorFields(() -> handler.complete(ctx(List.of("a")), map("checked", List.of(" ")))))
                    .containsExactly("checked[0]");
        }

        @Test
        void shouldCompleteWithEmptyPayloadWhenNoItemsAreConfigured() {
            var ctx = ctx(null);

            handler.complete(ctx, map());

            assertThat(ctx.data()).containsEntry("checked", List.of());
            assertThat(handler.getNextStateOnEvent(ctx, ActionEvent.COMPLETE)).isEqualTo(ActionState.COMPLETED);
        }

        @Test
        void shouldNotCompleteStraightFromReadyWithoutStart() {
            var ready = context(ActionType.CHECKLIST, new ChecklistConfig(null), ActionState.READY,
                    TestHandlers.lawyer());

            assertThatThrownBy(() -> handler.getNextStateOnEvent(ready, ActionEvent.COMPLETE))
                    .isInstanceOf(IllegalTransitionException.class);
        }
    }

    @Nested
    class EveryHandler {

        @SuppressWarnings("unchecked")
        private ActionHandler<Object> handler(ActionType type) {
            return (ActionHandler<Object>) TestHandlers.handler(type);
        }

        private ActionContext<Object> ctx(ActionType type, ActionState state) {
            return context(type, null, state, TestHandlers.lawyer());
        }

        @ParameterizedTest
        @MethodSource(TestHandlers.TYPES)
        void shouldRecordFailureReason(ActionType type) {
            var ctx = ctx(type, ActionState.IN_PROGRESS);

            handler(type).fail(ctx, "Client unreachable");

            assertThat(ctx.data())
                    .containsEntry("failureReason", "Client unreachable")
                    .containsEntry("failedAt", NOW.toString());
        }

        @ParameterizedTest
        @MethodSource(TestHandlers.TYPES)
        void shouldLeadFailToFailed(ActionType type) {
            var ctx = ctx(type, ActionState.IN_PROGRESS);
            handler(type).fail(ctx, "Client unreachable");

            assertThat(handler(type).getNextStateOnEvent(ctx, ActionEvent.FAIL)).isEqualTo(ActionState.FAILED);
        }

        @ParameterizedTest
        @MethodSource(TestHandlers.TYPES)
        void shouldFollowStateMachineForStart(ActionType type) {
            assertThat(handler(type).getNextStateOnEvent(ctx(type, ActionState.READY), ActionEvent.START))
                    .isEqualTo(ActionState.IN_PROGRESS);
        }

        @ParameterizedTest
        @MethodSource(TestHandlers.TYPES)
        void shouldRefuseEventTheStateDoesNotAllow(ActionType type) {
            assertThatThrownBy(() -> handler(type).getNextStateOnEvent(ctx(type, ActionState.COMPLETED),
                    ActionEvent.START))
                    .isInstanceOf(IllegalTransitionException.class);
        }

        @ParameterizedTest
        @MethodSource(TestHandlers.TYPES)
        void shouldReportOwnType(ActionType type) {
            assertThat(handler(type).type()).isEqualTo(type);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.matterflow.action.ActionHandlerBehaviourTests#typeAnswers")
        void shouldAnswerTheEnginesQuestionsAboutItsType(ActionType type, String label, boolean fromReady,
                                                         boolean byPeople, String providerKind, String referenceKey,
                                                         boolean uploads) {
            ActionHandler<Object> handler = handler(type);
            Object config = handler.validateConfig(VALID_CONFIGS.get(type));

            assertThat(handler.label()).isEqualTo(label);
            assertThat(handler.completesFromReady()).isEqualTo(fromReady);
            assertThat(handler.completedByPeople()).isEqualTo(byPeople);
            assertThat(handler.providerKind()).isEqualTo(providerKind);
            assertThat(handler.providerReferenceKey()).isEqualTo(referenceKey);
            assertThat(handler.acceptedUploads(config).isPresent()).isEqualTo(uploads);
            assertThat(handler.configDescription()).startsWith("`{").endsWith("}`");
        }

        @Test
        void shouldNameADocumentToSignOnlyWhenTheSignatureConfigHoldsAStoredDocumentsId() {
            UUID stored = UUID.randomUUID();
            for (ActionType type : ActionType.builtIn()) {
                assertThat(handler(type).documentsToSign(Map.of("documentId", stored.toString())))
                        .isEqualTo(type.equals(ActionType.SIGNATURE_CLIENT) ? Map.of("documentId", stored) : Map.of());
            }
            assertThat(handler(ActionType.SIGNATURE_CLIENT).documentsToSign(Map.of("documentId", "engagement-letter")))
                    .isEmpty();
        }

        @Test
        void shouldAcceptTheConfiguredUploadTypesOfADocumentRequest() {
            var handler = TestHandlers.documentRequest();

            assertThat(handler.acceptedUploads(new DocumentRequestConfig("ID", List.of(".pdf")))).contains(List.of(".pdf"));
            assertThat(handler.acceptedUploads(new DocumentRequestConfig("ID", null))).contains(List.of());
        }
    }

    private static final Map<ActionType, Map<String, Object>> VALID_CONFIGS = Map.of(
            ActionType.APPROVAL_LAWYER, Map.of(),
            ActionType.SIGNATURE_CLIENT, Map.of("documentId", "engagement-letter"),
            ActionType.REQUEST_DOC_CLIENT, Map.of("requestText", "Your ID"),
            ActionType.PAYMENT_CLIENT, Map.of("amount", 1500, "currency", "EUR"),
            ActionType.CHECKLIST, Map.of());

    /** type, label, completes from READY, completed by people, provider kind, provider reference key, uploads. */
    static Stream<Arguments> typeAnswers() {
        return Stream.of(
                Arguments.of(ActionType.APPROVAL_LAWYER, "Lawyer approval", false, true, null, null, false),
                Arguments.of(ActionType.SIGNATURE_CLIENT, "Client signature", false, true, ESignatureProvider.KIND,
                        "signatureSessionId", false),
                Arguments.of(ActionType.REQUEST_DOC_CLIENT, "Document from the client", false, true, null, null, true),
                Arguments.of(ActionType.PAYMENT_CLIENT, "Client payment", false, false, PaymentProvider.KIND,
                        "paymentIntentId", false),
                Arguments.of(ActionType.CHECKLIST, "Checklist", true, true, null, null, false));
    }
}
