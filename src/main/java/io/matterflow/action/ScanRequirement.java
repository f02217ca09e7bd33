package io.matterflow.action;

import java.util.UUID;

/**
 * Whether a firm accepts only documents the upload scanner found clean. While it does, a document request completes
 * only with ACCEPTED documents (409 naming the others); otherwise UNSCANNED ones are accepted too, since no scanner is
 * required. Answered per organization by its feature flag {@value #FLAG}.
 */
public interface ScanRequirement {

    String FLAG = "documents.require-clean-scan";

    boolean requiresCleanScan(UUID orgId);
}
