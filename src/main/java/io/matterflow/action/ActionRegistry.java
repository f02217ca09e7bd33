package io.matterflow.action;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.matterflow.common.FieldError;
import io.matterflow.common.Json;

/**
 * Handlers by action type: the types Matterflow accepts are the registered ones. Every {@link ActionHandler} bean
 * is registered at start-up (the built-in types first, in their order, then the others by name); {@link #register}
 * adds or replaces one at run time (tests, plug-ins).
 */
@Component
public class ActionRegistry {

    private final Map<ActionType, ActionHandler<?>> handlers = new LinkedHashMap<>();

    public ActionRegistry(List<ActionHandler<?>> defaults) {
        List<ActionHandler<?>> ordered = new ArrayList<>(defaults);
        ordered.sort(java.util.Comparator.comparingInt((ActionHandler<?> h) -> {
            int builtIn = ActionType.builtIn().indexOf(h.type());
            return builtIn < 0 ? ActionType.builtIn().size() : builtIn;
        }).thenComparing(h -> h.type().name()));
        ordered.forEach(h -> register(h.type(), h));
    }

    public final synchronized void register(ActionType type, ActionHandler<?> handler) {
        if (!handler.type().equals(type)) {
            throw new IllegalArgumentException("handler for " + handler.type() + " registered as " + type);
        }
        if (!type.isWellFormed()) {
            throw new IllegalArgumentException("action type " + type + " is not a name of upper case words joined"
                    + " by '_', of at most " + ActionType.MAX_NAME + " characters");
        }
        handlers.put(type, handler);
    }

    /** The type's handler; a type that is not registered is a programming error here (see {@link #find}). */
    public ActionHandler<Object> handler(ActionType type) {
        return find(type).orElseThrow(() -> new IllegalStateException("no handler registered for " + type));
    }

    /** The type's handler, if the type is registered. */
    @SuppressWarnings("unchecked")
    public synchronized Optional<ActionHandler<Object>> find(ActionType type) {
        return Optional.ofNullable((ActionHandler<Object>) handlers.get(type));
    }

    public synchronized boolean isRegistered(ActionType type) {
        return type != null && handlers.containsKey(type);
    }

    /** The registered types, the built-in ones first in their order (an ordered, read-only set). */
    public synchronized Set<ActionType> types() {
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(handlers.keySet()));
    }

    /** A step's or request's type that is not registered: the error naming {@code field}, listing the known types. */
    public FieldError unknown(String field) {
        return new FieldError(field, "must be one of " + types());
    }

    /** The word people read for a type: its handler's, or the type's own when none is registered. */
    public String label(ActionType type) {
        return find(type).map(ActionHandler::label).orElse(type.label());
    }

    /**
     * {@link ActionType#CONFIG_DESCRIPTION} completed with every registered type's config, for the API:
     * "The action's settings, by `actionType`: APPROVAL_LAWYER `{...}`; ...; CHECKLIST `{items?: [string]}`."
     */
    public synchronized String configDescription() {
        String base = ActionType.CONFIG_DESCRIPTION;
        StringBuilder text = new StringBuilder(base.substring(0, base.length() - 1)).append(':');
        String separator = " ";
        for (var entry : handlers.entrySet()) {
            text.append(separator).append(entry.getKey().name()).append(' ')
                    .append(entry.getValue().configDescription());
            separator = "; ";
        }
        return text.append('.').toString();
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

    private static final List<Outcome> GENERIC_OUTCOMES = List.of(
            Outcome.of(Outcome.COMPLETED, "is completed", "is not completed"),
            Outcome.of(Outcome.SKIPPED, "is skipped", "is not skipped"));

    /**
     * The outcomes a condition may name for a step of this type with this (stored, valid) config: COMPLETED and
     * SKIPPED, then the handler's own ({@link ActionHandler#outcomes}). None for a type no handler serves.
     */
    public List<Outcome> outcomes(ActionType type, Map<String, ?> storedConfig) {
        var handler = find(type);
        if (handler.isEmpty()) {
            return GENERIC_OUTCOMES;
        }
        List<Outcome> all = new java.util.ArrayList<>(GENERIC_OUTCOMES);
        all.addAll(handler.get().outcomes(handler.get().validateConfig(storedConfig == null ? Map.of() : storedConfig)));
        return all;
    }

    /** Whether an ended step had the outcome: its state for COMPLETED and SKIPPED, else what its handler says. */
    public boolean hasOutcome(ActionType type, ActionState state, Map<String, ?> data, String outcome, String item) {
        if (Outcome.COMPLETED.equals(outcome)) {
            return state == ActionState.COMPLETED;
        }
        if (Outcome.SKIPPED.equals(outcome)) {
            return state == ActionState.SKIPPED;
        }
        return state == ActionState.COMPLETED
                && find(type).map(h -> h.hasOutcome(outcome, item, data == null ? Map.of() : data)).orElse(false);
    }
}
