package io.matterflow.webhook;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code matterflow.webhooks.*}: the secret each provider signs its events with,
 * {@code secrets.<kind>.<provider>} (kind: {@code esign}, {@code payments}, {@code uploads}), and how far a signature's
 * timestamp may be from the server's clock ({@code tolerance}, 5 minutes). A provider without a secret (or with a
 * blank one) has no webhook. {@link #toString()} never shows the secrets.
 */
@ConfigurationProperties("matterflow.webhooks")
public record WebhookProperties(Map<String, Map<String, String>> secrets, Duration tolerance) {

    /** The secrets of the built-in mock providers in application.properties: public, so for development only. */
    public static final Set<String> DEVELOPMENT_SECRETS = Set.of("development-only-esign-mock-webhook-secret",
            "development-only-payments-mock-webhook-secret", "development-only-uploads-mock-webhook-secret");

    public WebhookProperties {
        secrets = secrets == null ? Map.of() : copy(secrets);
        tolerance = tolerance == null ? Duration.ofMinutes(5) : tolerance;
        if (tolerance.isNegative() || tolerance.isZero()) {
            throw new IllegalArgumentException("matterflow.webhooks.tolerance must be positive");
        }
    }

    /** The provider's secret; empty when none is configured, which means the provider has no webhook. */
    Optional<String> secret(ProviderKind kind, String provider) {
        return Optional.ofNullable(secrets.getOrDefault(kind.key(), Map.of()).get(provider))
                .filter(secret -> !secret.isBlank());
    }

    /** {@code <kind>.<provider>} of every configured secret that is a development default or shorter than 32 characters. */
    public Set<String> weakSecrets() {
        Set<String> weak = new java.util.TreeSet<>();
        secrets.forEach((kind, providers) -> providers.forEach((provider, secret) -> {
            if (!secret.isBlank() && (secret.length() < 32 || DEVELOPMENT_SECRETS.contains(secret))) {
                weak.add(kind + "." + provider);
            }
        }));
        return weak;
    }

    @Override
    public String toString() {
        Map<String, Object> masked = new TreeMap<>();
        secrets.forEach((kind, providers) -> masked.put(kind, providers.keySet()));
        return "WebhookProperties[providers=" + masked + ", tolerance=" + tolerance + "]";
    }

    private static final Set<String> KINDS = Set.of("esign", "payments", "uploads");
    private static final int MAX_PROVIDER = 50;

    private static Map<String, Map<String, String>> copy(Map<String, Map<String, String>> secrets) {
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        secrets.forEach((kind, providers) -> {
            if (!KINDS.contains(kind)) {
                throw new IllegalArgumentException("matterflow.webhooks.secrets." + kind + ": the kind must be one of "
                        + new java.util.TreeSet<>(KINDS));
            }
            Map<String, String> inner = new LinkedHashMap<>();
            if (providers != null) {
                providers.forEach((provider, secret) -> {
                    if (provider.isEmpty() || provider.length() > MAX_PROVIDER) {
                        throw new IllegalArgumentException("matterflow.webhooks.secrets." + kind + ".<provider>: a"
                                + " provider's name has 1 to " + MAX_PROVIDER + " characters");
                    }
                    inner.put(provider, secret == null ? "" : secret);
                });
            }
            copy.put(kind, Map.copyOf(inner));
        });
        return Map.copyOf(copy);
    }
}
