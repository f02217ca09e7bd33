package io.matterflow.action;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.matterflow.common.FieldError;
import jakarta.validation.Validator;

/**
 * Binding and validation shared by the built-in handlers: configs and payloads are records with Bean Validation
 * annotations; {@link #checkConfig} and {@link #checkPayload} add the rules annotations cannot say.
 */
public abstract class AbstractActionHandler<C, P> implements ActionHandler<C> {

    private final JsonBinder binder;
    private final Class<C> configType;
    private final Class<P> payloadType;

    protected AbstractActionHandler(Validator validator, Class<C> configType, Class<P> payloadType) {
        this.binder = new JsonBinder(validator);
        this.configType = configType;
        this.payloadType = payloadType;
    }

    @Override
    public final C validateConfig(Map<String, ?> config) {
        var result = binder.bind(config, configType);
        if (!result.isOk()) {
            throw new InvalidActionConfigException(type(), result.errors());
        }
        List<FieldError> errors = new ArrayList<>();
        checkConfig(result.value(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidActionConfigException(type(), errors);
        }
        return result.value();
    }

    /** The payload as its record, validated against the annotations and {@link #checkPayload}. */
    protected final P payload(ActionContext<C> ctx, Map<String, ?> raw) {
        var result = binder.bind(raw, payloadType);
        if (!result.isOk()) {
            throw new InvalidPayloadException(type(), result.errors());
        }
        List<FieldError> errors = new ArrayList<>();
        checkPayload(ctx, result.value(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidPayloadException(type(), errors);
        }
        return result.value();
    }

    protected void checkConfig(C config, List<FieldError> errors) {
    }

    protected void checkPayload(ActionContext<C> ctx, P payload, List<FieldError> errors) {
    }

    @Override
    public boolean canStart(ActionContext<C> ctx) {
        return true;
    }

    @Override
    public void start(ActionContext<C> ctx) {
    }

    @Override
    public void fail(ActionContext<C> ctx, String reason) {
        ctx.data().put("failureReason", reason);
        ctx.data().put("failedAt", ctx.now().toString());
    }
}
