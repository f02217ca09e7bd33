package io.matterflow.action;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.matterflow.common.Json;

/**
 * Handlers by action type. Every {@link ActionHandler} bean is registered at start-up; {@link #register} adds or
 * replaces one at run time (tests, plug-ins).
 */
@Component
public class ActionRegistry {

    private final Map<ActionType, ActionHandler<?>> handlers = new EnumMap<>(ActionType.class);

    ActionRegistry(List<ActionHandler<?>> defaults) {
        defaults.forEach(h -> register(h.type(), h));
    }

    public final synchronized void register(ActionType type, ActionHandler<?> handler) {
        if (handler.type() != type) {
            throw new IllegalArgumentException("handler for " + handler.type() + " registered as " + type);
        }
        handlers.put(type, handler);
    }

    @SuppressWarnings("unchecked")
    public synchronized ActionHandler<Object> handler(ActionType type) {
        ActionHandler<?> handler = handlers.get(type);
        if (handler == null) {
            throw new IllegalStateException("no handler registered for " + type);
        }
        return (ActionHandler<Object>) handler;
    }

    public synchronized Set<ActionType> types() {
        return Set.copyOf(handlers.keySet());
    }

    /**
     * Validates a raw config for the type and returns it as stored: the parsed record written back as JSON,
     * so defaults and number formats are what the handler will read.
     */
    public Map<String, Object> validateConfig(ActionType type, Map<String, ?> config) {
        Object parsed = handler(type).validateConfig(config == null ? Map.of() : config);
        return Json.toMap(parsed);
    }

    /** The typed config of a stored step. */
    public Object parseConfig(ActionType type, Map<String, ?> stored) {
        return handler(type).validateConfig(stored);
    }
}
