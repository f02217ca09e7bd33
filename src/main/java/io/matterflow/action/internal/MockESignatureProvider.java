package io.matterflow.action.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.matterflow.action.ESignatureProvider;

/**
 * The built-in e-signature provider: a session id and a local signing page. Signing there posts a signed
 * provider event back to the e-sign webhook, exactly as a real provider would. It remembers the sessions it was told
 * to cancel (in memory: a mock has no account to keep them in), and its signing page says so.
 */
@Component
public class MockESignatureProvider implements ESignatureProvider {

    private final Map<String, Instant> cancelled = new ConcurrentHashMap<>();
    private final Clock clock;

    public MockESignatureProvider(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return MOCK;
    }

    @Override
    public SignatureSession createSession(SignatureRequest request) {
        String id = "mock-sig-" + UUID.randomUUID();
        return new SignatureSession(id, "/mock/esign/" + id + "?step=" + request.stepId());
    }

    @Override
    public void cancel(String sessionId) {
        cancelled.putIfAbsent(sessionId, clock.instant());
    }

    @Override
    public Optional<Instant> cancelledAt(String sessionId) {
        return Optional.ofNullable(cancelled.get(sessionId));
    }
}
