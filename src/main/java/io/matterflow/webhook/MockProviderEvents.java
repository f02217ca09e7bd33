package io.matterflow.webhook;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.matterflow.common.Json;

/**
 * What the built-in mock providers report when the client signs or pays on their pages: the event a real provider
 * would send, signed with the mock provider's secret and delivered to {@link Webhooks#receive}, the code an HTTP
 * delivery runs, signature check included. So the step moves as a provider's webhook moves it: by the provider.
 */
@Component
public class MockProviderEvents {

    public static final String PROVIDER = "mock";

    private final Webhooks webhooks;
    private final WebhookSignatures signatures;

    MockProviderEvents(Webhooks webhooks, WebhookSignatures signatures) {
        this.webhooks = webhooks;
        this.signatures = signatures;
    }

    public Webhooks.Receipt signature(String session, boolean signed, String reason) {
        Map<String, Object> event = event(signed ? "signature.signed" : "signature.declined");
        event.put("signatureSessionId", session);
        if (!signed) {
            event.put("reason", reason == null || reason.isBlank() ? "Declined at the signing page" : reason.strip());
        }
        return deliver(ProviderKind.ESIGN, event);
    }

    public Webhooks.Receipt payment(String intent, boolean succeeded, BigDecimal amount, String currency) {
        Map<String, Object> event = event(succeeded ? "payment.succeeded" : "payment.failed");
        event.put("paymentIntentId", intent);
        event.put("amount", amount);
        event.put("currency", currency);
        return deliver(ProviderKind.PAYMENTS, event);
    }

    private static Map<String, Object> event(String type) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", "evt_mock_" + UUID.randomUUID());
        event.put("type", type);
        return event;
    }

    private Webhooks.Receipt deliver(ProviderKind kind, Map<String, Object> event) {
        byte[] body = Json.MAPPER.writeValueAsBytes(event);
        return webhooks.receive(kind, PROVIDER, signatures.sign(kind, PROVIDER, body), body);
    }
}
