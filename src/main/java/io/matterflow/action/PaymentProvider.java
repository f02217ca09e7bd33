package io.matterflow.action;

import java.math.BigDecimal;
import java.util.UUID;

/** A payment service. A real provider is a new implementation of this interface, not an engine change. */
public interface PaymentProvider {

    String MOCK = "mock";
    /** The kind of provider, as its webhooks name it ({@link ActionHandler#providerKind()}). */
    String KIND = "payments";

    String name();

    PaymentIntent createIntent(PaymentRequest request);

    record PaymentRequest(UUID stepId, UUID orgId, BigDecimal amount, String currency, UUID payerId) {
    }

    record PaymentIntent(String intentId, String checkoutUrl) {
    }
}
