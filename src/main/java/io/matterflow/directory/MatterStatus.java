package io.matterflow.directory;

/** Whether a matter takes work: a CLOSED matter takes no new workflows until it is reopened. */
public enum MatterStatus {
    OPEN, CLOSED
}
