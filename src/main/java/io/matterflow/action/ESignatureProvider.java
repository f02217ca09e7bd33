package io.matterflow.action;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** An e-signature service. A real provider is a new implementation of this interface, not an engine change. */
public interface ESignatureProvider {

    String MOCK = "mock";
    /** The kind of provider, as its webhooks name it ({@link ActionHandler#providerKind()}). */
    String KIND = "esign";

    String name();

    SignatureSession createSession(SignatureRequest request);

    /**
     * Ends the session: the signer can no longer sign in it. Called once the engine has ended the step's attempt
     * (skipped, retried, its instance cancelled or completed), after that change committed; cancelling a session
     * that has already ended is not an error. A failure is logged and counted by the caller, never undoing the step's
     * change.
     */
    void cancel(String sessionId);

    /** When the session was cancelled through {@link #cancel}, if the provider can tell; empty when unknown. */
    default Optional<Instant> cancelledAt(String sessionId) {
        return Optional.empty();
    }

    record SignatureRequest(UUID stepId, UUID orgId, String documentId, UUID signerId) {
    }

    record SignatureSession(String sessionId, String signingUrl) {
    }
}
