package io.matterflow.action;

/**
 * What the upload scanner said about a document. A document that was never scanned may be submitted (no scanner
 * is required); a REJECTED one (infected) never completes a step.
 */
public enum DocumentStatus {
    UNSCANNED, ACCEPTED, REJECTED
}
