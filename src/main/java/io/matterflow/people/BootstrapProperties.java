package io.matterflow.people;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code matterflow.bootstrap.*} ({@code MATTERFLOW_BOOTSTRAP_ORGANIZATION}, {@code MATTERFLOW_BOOTSTRAP_ADMIN_EMAIL},
 * {@code MATTERFLOW_BOOTSTRAP_ADMIN_NAME}): on a start with no user at all, the firm and its first admin, who gets a
 * one-time link to choose a password. Ignored as soon as any user exists.
 */
@ConfigurationProperties("matterflow.bootstrap")
public record BootstrapProperties(String organization, String adminEmail, String adminName) {

    public BootstrapProperties {
        organization = blankToNull(organization);
        adminEmail = blankToNull(adminEmail);
        adminName = adminName == null || adminName.isBlank() ? "Administrator" : adminName.strip();
    }

    boolean configured() {
        return organization != null && adminEmail != null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
