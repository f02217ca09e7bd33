package io.matterflow.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.matterflow.action.ActionContext;
import io.matterflow.action.ActionHandler;
import io.matterflow.action.ActionType;

/**
 * A stand-in handler of any type name: it accepts any config as it is, records the calls made to it ({@link #calls}),
 * and answers the type questions as chosen (by default as the contract does). On {@code start} it stores a reference
 * {@code "ref-<stepId>"} under its {@link #providerReferenceKey()}, if it has one; on {@code complete},
 * {@code done: true}.
 */
public final class StubActionHandler implements ActionHandler<Map<String, ?>> {

    private final ActionType type;
    private final boolean fromReady;
    private final boolean byPeople;
    private final String referenceKey;
    public final List<String> calls = new ArrayList<>();

    public StubActionHandler(ActionType type) {
        this(type, false, true, null);
    }

    public StubActionHandler(ActionType type, boolean fromReady, boolean byPeople, String referenceKey) {
        this.type = type;
        this.fromReady = fromReady;
        this.byPeople = byPeople;
        this.referenceKey = referenceKey;
    }

    @Override
    public ActionType type() {
        return type;
    }

    @Override
    public Map<String, ?> validateConfig(Map<String, ?> config) {
        return config;
    }

    @Override
    public boolean canStart(ActionContext<Map<String, ?>> ctx) {
        return true;
    }

    @Override
    public void start(ActionContext<Map<String, ?>> ctx) {
        calls.add("start");
        if (referenceKey != null) {
            ctx.data().put(referenceKey, "ref-" + ctx.stepId());
        }
    }

    @Override
    public void complete(ActionContext<Map<String, ?>> ctx, Map<String, ?> payload) {
        calls.add("complete");
        ctx.data().put("done", true);
    }

    @Override
    public void fail(ActionContext<Map<String, ?>> ctx, String reason) {
        calls.add("fail");
    }

    @Override
    public boolean completesFromReady() {
        return fromReady;
    }

    @Override
    public boolean completedByPeople() {
        return byPeople;
    }

    @Override
    public String providerReferenceKey() {
        return referenceKey;
    }
}
