package io.matterflow.notification;

import java.util.UUID;

import org.springframework.stereotype.Component;

import io.matterflow.action.ScanRequirement;

/**
 * The firm's feature flag {@value ScanRequirement#FLAG} answers whether it requires a clean upload scan. Read on every
 * completion, so an admin's switch applies to the next one, on every node.
 */
@Component
class CleanScanFlag implements ScanRequirement {

    private final FeatureFlags flags;

    CleanScanFlag(FeatureFlags flags) {
        this.flags = flags;
    }

    @Override
    public boolean requiresCleanScan(UUID orgId) {
        return flags.isEnabled(orgId, FeatureFlags.REQUIRE_CLEAN_SCAN);
    }
}
