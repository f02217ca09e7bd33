package io.matterflow.action.internal;

import java.util.UUID;

import org.springframework.stereotype.Component;

import io.matterflow.action.PaymentProvider;

/**
 * The built-in payment provider: an intent id and a local checkout page. Paying there posts a signed provider
 * event back to the payments webhook, exactly as a real provider would.
 */
@Component
public class MockPaymentProvider implements PaymentProvider {

    @Override
    public String name() {
        return MOCK;
    }

    @Override
    public PaymentIntent createIntent(PaymentRequest request) {
        String id = "mock-pi-" + UUID.randomUUID();
        return new PaymentIntent(id, "/mock/payments/" + id + "?step=" + request.stepId());
    }
}
