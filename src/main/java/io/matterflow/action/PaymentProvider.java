package io.matterflow.action;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A payment service. A real provider is a new implementation of this interface, not an engine change. */
public interface PaymentProvider {

    String MOCK = "mock";
    /** The kind of provider, as its webhooks name it ({@link ActionHandler#providerKind()}). */
    String KIND = "payments";

    String name();

    PaymentIntent createIntent(PaymentRequest request);

    /**
     * Cancels the intent: the client can no longer pay it. Called once the engine has ended the step's attempt
     * (skipped, retried, its instance cancelled or completed), after that change committed; cancelling an intent
     * that has already ended is not an error. A failure is logged and counted by the caller, never undoing the step's
     * change. A payment that still arrives is recorded as a late event.
     */
    void cancel(String intentId);

    /** When the intent was cancelled through {@link #cancel}, if the provider can tell; empty when unknown. */
    default Optional<Instant> cancelledAt(String intentId) {
        return Optional.empty();
    }

    record PaymentRequest(UUID stepId, UUID orgId, BigDecimal amount, String currency, UUID payerId) {
    }

    record PaymentIntent(String intentId, String checkoutUrl) {
    }
}
