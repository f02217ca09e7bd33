package io.matterflow.action.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import io.matterflow.action.AbstractActionHandler;
import io.matterflow.action.ActionContext;
import io.matterflow.action.ActionEvent;
import io.matterflow.action.ActionState;
import io.matterflow.action.ActionType;
import io.matterflow.action.ESignatureProvider;
import io.matterflow.action.SignatureConfig;
import io.matterflow.common.FieldError;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The client signs a document through an e-signature provider; a declined signature leaves the step FAILED. */
@Component
public class SignatureClientHandler extends AbstractActionHandler<SignatureConfig, SignatureClientHandler.SignatureResult> {

    enum Outcome { SIGNED, DECLINED }

    record SignatureResult(@NotBlank @Size(max = 200) String signatureSessionId, Outcome outcome,
                           @Size(max = 2000) String reason) {
        Outcome outcomeOrSigned() {
            return outcome == null ? Outcome.SIGNED : outcome;
        }
    }

    private static final String SESSION_ID = "signatureSessionId";

    private final Map<String, ESignatureProvider> providers;

    public SignatureClientHandler(Validator validator, List<ESignatureProvider> providers) {
        super(validator, SignatureConfig.class, SignatureResult.class);
        this.providers = providers.stream().collect(Collectors.toMap(ESignatureProvider::name, Function.identity()));
    }

    @Override
    public ActionType type() {
        return ActionType.SIGNATURE_CLIENT;
    }

    @Override
    public String configDescription() {
        return "`{documentId, provider?}`";
    }

    @Override
    public String providerKind() {
        return ESignatureProvider.KIND;
    }

    @Override
    public String providerReferenceKey() {
        return SESSION_ID;
    }

    @Override
    public Map<String, UUID> documentsToSign(Map<String, ?> config) {
        return SignatureConfig.storedDocumentId(config.get("documentId")).map(id -> Map.of("documentId", id))
                .orElse(Map.of());
    }

    @Override
    protected void checkConfig(SignatureConfig config, List<FieldError> errors) {
        if (!providers.containsKey(config.providerOrDefault())) {
            errors.add(new FieldError("provider", "is not a known e-signature provider; known: " + providers.keySet()));
        }
    }

    @Override
    public boolean canStart(ActionContext<SignatureConfig> ctx) {
        return ctx.clientId() != null;
    }

    @Override
    public void start(ActionContext<SignatureConfig> ctx) {
        var provider = providers.get(ctx.config().providerOrDefault());
        var session = provider.createSession(new ESignatureProvider.SignatureRequest(
                ctx.stepId(), ctx.orgId(), ctx.config().documentId(), ctx.clientId()));
        ctx.data().put("provider", provider.name());
        ctx.data().put(SESSION_ID, session.sessionId());
        ctx.data().put("signingUrl", session.signingUrl());
        ctx.data().put("sessionCreatedAt", ctx.now().toString());
    }

    /** Cancels the attempt's signing session at the provider that opened it. */
    @Override
    public void closeSession(ActionContext<SignatureConfig> ctx) {
        if (ctx.data().get(SESSION_ID) instanceof String session) {
            Object name = ctx.data().getOrDefault("provider", ctx.config().providerOrDefault());
            ESignatureProvider provider = providers.get(String.valueOf(name));
            if (provider == null) {
                throw new IllegalStateException("no e-signature provider " + name + " to cancel session " + session);
            }
            provider.cancel(session);
        }
    }

    @Override
    protected void checkPayload(ActionContext<SignatureConfig> ctx, SignatureResult result, List<FieldError> errors) {
        if (!result.signatureSessionId().equals(ctx.data().get(SESSION_ID))) {
            errors.add(new FieldError("signatureSessionId", "does not match this step's signing session"));
        }
        if (result.outcomeOrSigned() == Outcome.DECLINED && (result.reason() == null || result.reason().isBlank())) {
            errors.add(new FieldError("reason", "is required when the signature is declined"));
        }
    }

    @Override
    public void complete(ActionContext<SignatureConfig> ctx, Map<String, ?> payload) {
        SignatureResult result = payload(ctx, payload);
        ctx.data().put("signatureOutcome", result.outcomeOrSigned().name());
        if (result.reason() != null && !result.reason().isBlank()) {
            ctx.data().put("declineReason", result.reason());
        } else {
            ctx.data().remove("declineReason"); // a retried step may still hold the earlier decline's reason
        }
        ctx.data().put("signedAt", ctx.now().toString());
    }

    @Override
    public ActionState getNextStateOnEvent(ActionContext<SignatureConfig> ctx, ActionEvent event) {
        if (event == ActionEvent.COMPLETE && Outcome.DECLINED.name().equals(ctx.data().get("signatureOutcome"))) {
            return ActionState.FAILED;
        }
        return super.getNextStateOnEvent(ctx, event);
    }

    private static final List<io.matterflow.action.Outcome> OUTCOMES = List.of(
            io.matterflow.action.Outcome.of("SIGNED", "is signed", "is not signed"),
            io.matterflow.action.Outcome.of("DECLINED", "is declined by the signer", "is not declined by the signer"));

    @Override
    public List<io.matterflow.action.Outcome> outcomes(SignatureConfig config) {
        return OUTCOMES;
    }

    @Override
    public boolean hasOutcome(String outcome, String item, Map<String, ?> data) {
        return (outcome.equals("SIGNED") || outcome.equals("DECLINED")) && outcome.equals(data.get("signatureOutcome"));
    }
}
