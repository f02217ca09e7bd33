package io.matterflow.action;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a step does, by name: the key of its {@link ActionHandler} in the {@link ActionRegistry}. Any name may be
 * held (a stored row, a request); which names are accepted is the registry's answer, not this class's. The five
 * built-in types are constants; equal names are equal types. JSON, the database ({@link ActionTypeConverter}),
 * request parameters and views all see the plain name.
 */
public final class ActionType {

    /** What a type's name may be: upper case words joined by '_', at most 32 characters (the column's width). */
    public static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");
    public static final int MAX_NAME = 32;

    public static final ActionType APPROVAL_LAWYER = new ActionType("APPROVAL_LAWYER", "Lawyer approval");
    public static final ActionType SIGNATURE_CLIENT = new ActionType("SIGNATURE_CLIENT", "Client signature");
    public static final ActionType REQUEST_DOC_CLIENT = new ActionType("REQUEST_DOC_CLIENT", "Document from the client");
    public static final ActionType PAYMENT_CLIENT = new ActionType("PAYMENT_CLIENT", "Client payment");
    public static final ActionType CHECKLIST = new ActionType("CHECKLIST", "Checklist");

    private static final List<ActionType> BUILT_IN = List.of(APPROVAL_LAWYER, SIGNATURE_CLIENT, REQUEST_DOC_CLIENT,
            PAYMENT_CLIENT, CHECKLIST);

    /**
     * The start of every {@code actionConfig} description in the API; the OpenAPI document completes it with each
     * registered handler's {@link ActionHandler#configDescription()} ({@code ActionTypesOpenApi}).
     */
    public static final String CONFIG_DESCRIPTION = "The action's settings, by `actionType`.";

    private final String name;
    private final String label;

    private ActionType(String name, String label) {
        this.name = name;
        this.label = label;
    }

    /** The type of that name: the built-in constant, or a type a plug-in's handler may answer for. */
    @JsonCreator
    public static ActionType of(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an action type's name must not be blank");
        }
        for (ActionType type : BUILT_IN) {
            if (type.name.equals(name)) {
                return type;
            }
        }
        return new ActionType(name, words(name));
    }

    /** The five types Matterflow ships with, in their order. */
    public static List<ActionType> builtIn() {
        return BUILT_IN;
    }

    /** Whether the name can be a type's: see {@link #NAME} and {@link #MAX_NAME}. */
    public boolean isWellFormed() {
        return name.length() <= MAX_NAME && NAME.matcher(name).matches();
    }

    @JsonValue
    public String name() {
        return name;
    }

    /**
     * The type's word for views that hold only the type: a built-in's own, else its name in words
     * ({@code NOTARIZATION_LAWYER}: "Notarization lawyer"). A handler answers for its type with
     * {@link ActionHandler#label()}; views read that through {@code @labels.type(...)}.
     */
    public String label() {
        return label;
    }

    private static String words(String name) {
        String text = name.replace('_', ' ').toLowerCase(java.util.Locale.ROOT).strip();
        return text.isEmpty() ? name : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ActionType type && type.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
