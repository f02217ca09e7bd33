package io.matterflow.action;

import java.util.Objects;

/**
 * What an ended step of a type can turn out to be, for conditions to ask about: its name ({@code REJECTED}), the
 * config item it is about (a checklist's item; null for none), and how a sentence says it of a step, and of a step
 * that did not turn out so ("is rejected", "is not rejected").
 */
public record Outcome(String name, String item, String label, String negatedLabel) {

    /** Every step has these two: it ended COMPLETED (whatever its result), or it was SKIPPED. */
    public static final String COMPLETED = "COMPLETED";
    public static final String SKIPPED = "SKIPPED";

    public Outcome {
        Objects.requireNonNull(name);
        Objects.requireNonNull(label);
        Objects.requireNonNull(negatedLabel);
    }

    public static Outcome of(String name, String label, String negatedLabel) {
        return new Outcome(name, null, label, negatedLabel);
    }

    /** Whether this is the outcome a condition's clause names. */
    public boolean matches(String outcome, String item) {
        return name.equals(outcome) && Objects.equals(this.item, item);
    }

    /** COMPLETED and SKIPPED are the engine's; the others are the type's own results. */
    public static boolean isGeneric(String name) {
        return COMPLETED.equals(name) || SKIPPED.equals(name);
    }
}
