package io.matterflow.action.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.matterflow.action.PaymentProvider;

/**
 * The built-in payment provider: an intent id and a local checkout page. Paying there posts a signed provider
 * event back to the payments webhook, exactly as a real provider would. It remembers the intents it was told to
 * cancel (in memory: a mock has no account to keep them in), and its checkout page says so.
 */
@Component
public class MockPaymentProvider implements PaymentProvider {

    private final Map<String, Instant> cancelled = new ConcurrentHashMap<>();
    private final Clock clock;

    public MockPaymentProvider(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return MOCK;
    }

    @Override
    public PaymentIntent createIntent(PaymentRequest request) {
        String id = "mock-pi-" + UUID.randomUUID();
        return new PaymentIntent(id, "/mock/payments/" + id + "?step=" + request.stepId());
    }

    @Override
    public void cancel(String intentId) {
        cancelled.putIfAbsent(intentId, clock.instant());
    }

    @Override
    public Optional<Instant> cancelledAt(String intentId) {
        return Optional.ofNullable(cancelled.get(intentId));
    }
}
