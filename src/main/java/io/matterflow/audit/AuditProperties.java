package io.matterflow.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code matterflow.audit.*}. The HMAC key makes the chain unforgeable by someone who can write SQL but does not
 * hold the key: they can delete or edit rows, but not recompute valid hashes.
 */
@ConfigurationProperties("matterflow.audit")
public record AuditProperties(String hmacKey) {

    public static final String DEVELOPMENT_KEY = "matterflow-development-audit-key";

    public AuditProperties {
        hmacKey = hmacKey == null || hmacKey.isBlank() ? DEVELOPMENT_KEY : hmacKey;
    }
}
