package io.matterflow.action.internal;

import java.util.UUID;

import org.springframework.stereotype.Component;

import io.matterflow.action.ESignatureProvider;

/**
 * The built-in e-signature provider: a session id and a local signing page. Signing there posts a signed
 * provider event back to the e-sign webhook, exactly as a real provider would.
 */
@Component
public class MockESignatureProvider implements ESignatureProvider {

    @Override
    public String name() {
        return MOCK;
    }

    @Override
    public SignatureSession createSession(SignatureRequest request) {
        String id = "mock-sig-" + UUID.randomUUID();
        return new SignatureSession(id, "/mock/esign/" + id + "?step=" + request.stepId());
    }
}
