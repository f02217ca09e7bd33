package io.matterflow.webhook;

/** What a provider does for Matterflow; each kind has its own webhook route and its own secrets. */
public enum ProviderKind {

    ESIGN("esign"), PAYMENTS("payments"), UPLOADS("uploads");

    private final String key;

    ProviderKind(String key) {
        this.key = key;
    }

    /** The route's path segment, the configuration key and the stored value. */
    public String key() {
        return key;
    }
}
