package io.matterflow.webhook;

import io.matterflow.action.ESignatureProvider;
import io.matterflow.action.PaymentProvider;

/**
 * What a provider does for Matterflow; each kind is a path segment of the webhook route and has its own secrets.
 * An action type's handler names the kind that reports on its steps ({@link io.matterflow.action.ActionHandler#providerKind()}).
 */
public enum ProviderKind {

    ESIGN(ESignatureProvider.KIND), PAYMENTS(PaymentProvider.KIND), UPLOADS("uploads");

    private final String key;

    ProviderKind(String key) {
        this.key = key;
    }

    /** The route's path segment, the configuration key and the stored value. */
    public String key() {
        return key;
    }

    /** The kind whose {@link #key()} this is. */
    public static ProviderKind of(String key) {
        for (ProviderKind kind : values()) {
            if (kind.key.equals(key)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("no provider kind " + key);
    }
}
