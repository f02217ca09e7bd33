package io.matterflow.webhook;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.matterflow.action.ActionState;
import io.matterflow.action.DocumentInfo;
import io.matterflow.action.ScanRecorded;
import io.matterflow.common.ConflictException;
import io.matterflow.common.NotFoundException;
import io.matterflow.instance.Instances;
import io.matterflow.instance.LateProviderEvent;
import io.matterflow.instance.LateProviderEvents;
import io.matterflow.instance.ProviderStep;
import io.matterflow.instance.StepDetails;
import io.matterflow.instance.StepDocuments;
import io.matterflow.instance.StepRuntime;
import io.matterflow.webhook.internal.WebhookEventEntity;
import io.matterflow.webhook.internal.WebhookEventRepository;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Receives provider events: verifies the signature, reads the event, and applies it once. The record of the event
 * ({@code webhook_events}) and the change it causes commit in one transaction: the record is written first, so a
 * concurrent delivery of the same event waits for it (or collides with it) and, run again, finds it and answers as a
 * duplicate. Steps move through {@link StepRuntime} with the provider as the actor, as any other transition.
 * <p>
 * An event about a step that has moved on (skipped, failed, retried since the session it names, its instance cancelled
 * or completed) is recorded ({@link LateProviderEvents}) and acknowledged as {@value #RECORDED_NOT_APPLIED}; only an
 * event naming a session that no step ever opened is unknown (404).
 * <p>
 * The HTTP route and the built-in mock providers' pages both call {@link #receive}, so the mock pages take the path a
 * real provider's request takes.
 */
@Service
public class Webhooks {

    static final int MAX_ATTEMPTS = 5;
    /** What an event that reports what its step already records answers: nothing changes. */
    static final String UNCHANGED = "UNCHANGED";
    /** What an event about a step that has moved on answers: recorded ({@link LateProviderEvents}), not applied. */
    public static final String RECORDED_NOT_APPLIED = "RECORDED_NOT_APPLIED";

    private static final Logger log = LoggerFactory.getLogger(Webhooks.class);
    private static final String REQUEST_ID = "requestId";

    private final WebhookSignatures signatures;
    private final WebhookEventRepository events;
    private final Instances instances;
    private final StepRuntime runtime;
    private final StepDocuments documents;
    private final LateProviderEvents lateEvents;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Webhooks(WebhookSignatures signatures, WebhookEventRepository events, Instances instances, StepRuntime runtime,
             StepDocuments documents, LateProviderEvents lateEvents, PlatformTransactionManager transactionManager,
             Clock clock) {
        this.lateEvents = lateEvents;
        this.signatures = signatures;
        this.events = events;
        this.instances = instances;
        this.runtime = runtime;
        this.documents = documents;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    @Schema(name = "WebhookReceipt", description = "What became of a provider event")
    public record Receipt(@Schema(description = "The provider's event id", example = "evt_5f1c2a") String eventId,
                   @Schema(description = "true when this event id was processed before: nothing changed now")
                   boolean duplicate,
                   @Schema(description = "The step's state after the event (`COMPLETED`, `FAILED`), the document's"
                           + " status (`ACCEPTED`, `REJECTED`), `UNCHANGED` when the step or document already"
                           + " records what the event reports (an infected document stays REJECTED), or"
                           + " `RECORDED_NOT_APPLIED` when the step had moved on (see `reason`); for a duplicate,"
                           + " the first delivery's outcome", example = "COMPLETED")
                   String outcome,
                   @Schema(description = "false when the event was recorded and not applied to its step"
                           + " (`RECORDED_NOT_APPLIED`): the step had moved on; the provider need not send it again")
                   boolean applied,
                   @Schema(nullable = true, description = "Why an event was not applied: `STEP_SKIPPED`, `STEP_FAILED`,"
                           + " `STEP_COMPLETED`, `STEP_RETRIED` (the session is an earlier attempt's),"
                           + " `INSTANCE_CANCELED`, `INSTANCE_COMPLETED`; null when it was applied",
                           example = "STEP_SKIPPED")
                   String reason) {
    }

    /** Verifies, reads and applies a provider's event; see the class comment. */
    public Receipt receive(ProviderKind kind, String provider, String signatureHeader, byte[] body) {
        signatures.verify(kind, provider, signatureHeader, body);
        ProviderEvent event = ProviderEvent.parse(kind, body);
        Map<String, Object> payload = ProviderEvent.asMap(body);
        String previousRequestId = MDC.get(REQUEST_ID);
        // The audit trail records the provider's event id as the request id of what the event changed.
        MDC.put(REQUEST_ID, event.id());
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    Receipt receipt = transactions.execute(status -> applyOnce(kind, provider, event, payload));
                    log.info("Webhook {}/{} event {} ({}): {}{}{}", kind.key(), provider, event.id(), event.type(),
                            receipt.outcome(), receipt.reason() == null ? "" : " " + receipt.reason(),
                            receipt.duplicate() ? " (duplicate)" : "");
                    return receipt;
                } catch (RuntimeException e) {
                    if (!StepRuntime.isLostRace(e)) {
                        throw e;
                    }
                    if (attempt == MAX_ATTEMPTS) {
                        throw new ConflictException("Concurrent delivery", "the event's step or document was changed"
                                + " at the same time; deliver the event again");
                    }
                    pause(attempt);
                }
            }
        } finally {
            if (previousRequestId == null) {
                MDC.remove(REQUEST_ID);
            } else {
                MDC.put(REQUEST_ID, previousRequestId);
            }
        }
    }

    private Receipt applyOnce(ProviderKind kind, String provider, ProviderEvent event, Map<String, Object> payload) {
        var seen = events.findByProviderKindAndProviderAndEventId(kind.key(), provider, event.id());
        if (seen.isPresent()) {
            String outcome = seen.get().outcome();
            return new Receipt(event.id(), true, outcome, !RECORDED_NOT_APPLIED.equals(outcome), seen.get().reason());
        }
        WebhookEventEntity record = events.saveAndFlush(new WebhookEventEntity(kind, provider, event, payload,
                clock.instant()));
        Applied applied;
        if (event instanceof ProviderEvent.Signature signature) {
            applied = signature(provider, signature);
        } else if (event instanceof ProviderEvent.Payment payment) {
            applied = payment(provider, payment);
        } else {
            applied = uploadScan(provider, (ProviderEvent.UploadScan) event);
        }
        record.processed(applied.orgId(), applied.stepId(), applied.outcome(), applied.reason());
        events.flush();
        return new Receipt(event.id(), false, applied.outcome(), applied.reason() == null, applied.reason());
    }

    private record Applied(UUID orgId, UUID stepId, String outcome, String reason) {

        Applied(UUID orgId, UUID stepId, String outcome) {
            this(orgId, stepId, outcome, null);
        }
    }

    private Applied signature(String provider, ProviderEvent.Signature event) {
        ProviderStep found = instances.findByProviderReference(ProviderKind.ESIGN.key(), provider,
                event.signatureSessionId()).orElseThrow(() -> new NotFoundException("Signature session",
                event.signatureSessionId()));
        boolean signed = event.type().equals("signature.signed");
        String outcome = signed ? "SIGNED" : "DECLINED";
        if (found.currentAttempt() && alreadyRecords(found.step(), "signatureOutcome", outcome)) {
            return new Applied(found.orgId(), found.step().id(), UNCHANGED);
        }
        var late = LateProviderEvent.Reason.of(found);
        if (late.isPresent()) {
            return recordedLate(found, late.get(), new LateProviderEvents.Reported(ProviderKind.ESIGN.key(), provider,
                    event.id(), event.type(), event.signatureSessionId(), null, null, clock.instant()));
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("signatureSessionId", event.signatureSessionId());
        payload.put("outcome", outcome);
        if (!signed) {
            payload.put("reason", event.reason() == null || event.reason().isBlank()
                    ? "Declined at the e-signature provider (" + provider + ")" : event.reason());
        }
        return moved(found, payload);
    }

    private Applied payment(String provider, ProviderEvent.Payment event) {
        ProviderStep found = instances.findByProviderReference(ProviderKind.PAYMENTS.key(), provider,
                event.paymentIntentId()).orElseThrow(() -> new NotFoundException("Payment intent",
                event.paymentIntentId()));
        String status = event.type().equals("payment.succeeded") ? "SUCCEEDED" : "FAILED";
        if (found.currentAttempt() && alreadyRecords(found.step(), "paymentStatus", status)) {
            return new Applied(found.orgId(), found.step().id(), UNCHANGED);
        }
        var late = LateProviderEvent.Reason.of(found);
        if (late.isPresent()) {
            return recordedLate(found, late.get(), new LateProviderEvents.Reported(ProviderKind.PAYMENTS.key(),
                    provider, event.id(), event.type(), event.paymentIntentId(), event.amount(), event.currency(),
                    clock.instant()));
        }
        // The handler checks the intent, amount and currency against the step (400 naming the fields).
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("paymentIntentId", event.paymentIntentId());
        payload.put("status", status);
        payload.put("amount", event.amount());
        payload.put("currency", event.currency());
        return moved(found, payload);
    }

    /**
     * The document's new status; UNCHANGED when it already had it, or was found infected before (that verdict is
     * final: its content is quarantined). An infected verdict quarantines the document whatever its step's state.
     */
    private Applied uploadScan(String provider, ProviderEvent.UploadScan event) {
        ScanRecorded scan = documents.recordScan(provider, event.documentId(), event.verdict().equals("clean"));
        DocumentInfo document = scan.document();
        return new Applied(document.orgId(), document.stepId(), scan.changed() ? document.status().name() : UNCHANGED);
    }

    /**
     * An event about a step that has moved on (skipped, failed, retried, its instance ended) is recorded, audited and
     * told to the matter's owner, and acknowledged: refusing it would make the provider retry for days, and the
     * money or signature it reports would be recorded nowhere.
     */
    private Applied recordedLate(ProviderStep found, LateProviderEvent.Reason reason,
                                 LateProviderEvents.Reported reported) {
        lateEvents.record(found, reported, reason);
        return new Applied(found.orgId(), found.step().id(), RECORDED_NOT_APPLIED, reason.name());
    }

    private Applied moved(ProviderStep found, Map<String, Object> payload) {
        StepDetails step = runtime.executeInCurrentTransaction(found.actor(),
                StepRuntime.Command.complete(found.step().id(), payload));
        return new Applied(found.orgId(), step.id(), step.actionState().name());
    }

    /**
     * A step that has ended with the outcome the event reports (the signer completed it first, or the provider sent
     * the same news under a new event id) needs nothing more; answering 409 would make the provider retry for days.
     */
    private static boolean alreadyRecords(StepDetails step, String key, String value) {
        return (step.actionState() == ActionState.COMPLETED || step.actionState() == ActionState.FAILED)
                && value.equals(step.actionData().get(key));
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(10, 30L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConflictException("Concurrent delivery", "interrupted; deliver the event again");
        }
    }
}
