package io.matterflow.webhook;

import io.matterflow.action.ESignatureProvider;
import io.matterflow.action.PaymentProvider;

/**
 * What a provider does for Matterflow; each kind has its own webhook route and its own secrets. An action type's
 * handler names the kind that reports on its steps ({@link io.matterflow.action.ActionHandler#providerKind()}).
 */
enum ProviderKind {

    ESIGN(ESignatureProvider.KIND), PAYMENTS(PaymentProvider.KIND), UPLOADS("uploads");

    private final String key;

    ProviderKind(String key) {
        this.key = key;
    }

    /** The route's path segment, the configuration key and the stored value. */
    String key() {
        return key;
    }
}
