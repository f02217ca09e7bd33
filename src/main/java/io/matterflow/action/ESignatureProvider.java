package io.matterflow.action;

import java.util.UUID;

/** An e-signature service. A real provider is a new implementation of this interface, not an engine change. */
public interface ESignatureProvider {

    String MOCK = "mock";
    /** The kind of provider, as its webhooks name it ({@link ActionHandler#providerKind()}). */
    String KIND = "esign";

    String name();

    SignatureSession createSession(SignatureRequest request);

    record SignatureRequest(UUID stepId, UUID orgId, String documentId, UUID signerId) {
    }

    record SignatureSession(String sessionId, String signingUrl) {
    }
}
