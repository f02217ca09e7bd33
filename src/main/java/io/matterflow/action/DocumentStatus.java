package io.matterflow.action;

/**
 * What the upload scanner said about a document: UNSCANNED until a verdict comes, ACCEPTED when it found the file
 * clean, REJECTED when it found it infected. A REJECTED document never completes a step and its content is moved to
 * quarantine; the verdict is final (a later "clean" changes nothing). An UNSCANNED document may complete a step
 * unless the firm requires a clean scan ({@link ScanRequirement}).
 */
public enum DocumentStatus {
    UNSCANNED, ACCEPTED, REJECTED
}
