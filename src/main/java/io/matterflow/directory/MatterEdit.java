package io.matterflow.directory;

import java.util.UUID;

/**
 * Changes to a matter's details. Null fields stay as they are; {@code removeClient} leaves the matter without a
 * client (and then {@code clientId} must be null). An empty {@code practiceArea} takes the practice area away.
 */
public record MatterEdit(String reference, String title, UUID ownerId, UUID clientId, boolean removeClient,
                         String practiceArea) {

    public MatterEdit(String reference, String title, UUID ownerId, UUID clientId, boolean removeClient) {
        this(reference, title, ownerId, clientId, removeClient, null);
    }

    public MatterEdit {
        if (removeClient && clientId != null) {
            throw new IllegalArgumentException("a new client and no client at once");
        }
    }

    public boolean isEmpty() {
        return reference == null && title == null && ownerId == null && clientId == null && !removeClient
                && practiceArea == null;
    }
}
