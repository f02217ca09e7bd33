package io.matterflow.action;

/**
 * What an upload scanner's verdict did to a document: {@code changed} false when the document already had that
 * status or was REJECTED before (an infected verdict is final); {@code quarantined} when this verdict moved its
 * content out of the storage.
 */
public record ScanRecorded(DocumentInfo document, boolean changed, boolean quarantined) {
}
