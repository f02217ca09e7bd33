package io.matterflow.instance;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.matterflow.directory.Actor;

/**
 * What the mock providers report when the client signs or pays on their pages: the step's completion, performed by
 * the provider (actor {@code mock}) for payments and by the signer for signatures, as a real provider's webhook
 * would cause.
 */
@Component
class MockProviderEvents {

    private final StepRuntime runtime;

    MockProviderEvents(StepRuntime runtime) {
        this.runtime = runtime;
    }

    StepDetails signature(Actor signer, StepDetails step, String session, boolean signed, String reason) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("signatureSessionId", session);
        payload.put("outcome", signed ? "SIGNED" : "DECLINED");
        if (!signed) {
            payload.put("reason", reason == null || reason.isBlank() ? "Declined at the signing page" : reason);
        }
        return runtime.complete(signer, step.id(), payload);
    }

    StepDetails payment(Actor payer, StepDetails step, String intent, boolean succeeded) {
        return runtime.complete(Actor.provider(payer.orgId(), "mock"), step.id(), Map.of(
                "paymentIntentId", intent, "status", succeeded ? "SUCCEEDED" : "FAILED",
                "amount", new BigDecimal(String.valueOf(step.actionConfig().get("amount"))),
                "currency", step.actionConfig().get("currency")));
    }
}
