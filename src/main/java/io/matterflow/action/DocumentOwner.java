package io.matterflow.action;

import java.util.UUID;

/**
 * Whose a document is: a document request step's (the client's upload), or the firm's, stored for a template or an
 * instance (a document to sign). Exactly one id is set.
 */
public record DocumentOwner(UUID stepId, UUID templateId, UUID instanceId) {

    public static DocumentOwner step(UUID stepId) {
        return new DocumentOwner(stepId, null, null);
    }

    public static DocumentOwner template(UUID templateId) {
        return new DocumentOwner(null, templateId, null);
    }

    public static DocumentOwner instance(UUID instanceId) {
        return new DocumentOwner(null, null, instanceId);
    }
}
