package io.matterflow.condition;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import io.matterflow.action.ActionRegistry;
import io.matterflow.action.ActionState;
import io.matterflow.action.ActionType;
import io.matterflow.action.Outcome;
import io.matterflow.common.FieldError;

/**
 * Checks, evaluates and words conditions. The outcomes a clause may name are the step type's
 * ({@link ActionRegistry#outcomes}); whether an ended step had one is its handler's answer.
 */
@Component
public class Conditions {

    /** A step a clause names, as a template or instance has it. */
    public record NamedStep(String title, ActionType type, Map<String, ?> config) {
    }

    private final ActionRegistry registry;

    public Conditions(ActionRegistry registry) {
        this.registry = registry;
    }

    /** The outcomes a condition may name for this step. */
    public List<Outcome> outcomes(NamedStep step) {
        try {
            return registry.outcomes(step.type(), step.config());
        } catch (RuntimeException invalidConfig) {
            return registry.outcomes(step.type(), null);
        }
    }

    /**
     * The errors of a template step's condition at {@code position}: its shape, then that each clause names an
     * earlier step of {@code steps} (by position) and one of that step's outcomes. Empty when there is none.
     */
    public List<FieldError> checkTemplate(String path, Condition condition, int position, List<NamedStep> steps) {
        if (condition == null) {
            return List.of();
        }
        List<FieldError> errors = new ArrayList<>(condition.errors(path));
        if (!errors.isEmpty()) {
            return errors;
        }
        for (int i = 0; i < condition.when().size(); i++) {
            Clause clause = condition.when().get(i);
            String at = path + ".when[" + i + "]";
            if (!clause.aboutStep()) {
                continue;
            }
            if (clause.stepId() != null) {
                errors.add(new FieldError(at + ".stepId", "a template names the earlier step by its position, in step"));
                continue;
            }
            if (clause.step() < 0 || clause.step() >= position) {
                errors.add(new FieldError(at + ".step", position == 0
                        ? "the first step has no earlier step to look at"
                        : "must be the position of an earlier step (0 to " + (position - 1) + ")"));
                continue;
            }
            NamedStep named = steps.get(clause.step());
            if (named == null || named.type() == null || !registry.isRegistered(named.type())) {
                continue; // that step's own errors say what is wrong with it
            }
            List<Outcome> outcomes = outcomes(named);
            if (outcomes.stream().noneMatch(o -> o.matches(clause.outcome(), clause.item()))) {
                boolean known = outcomes.stream().anyMatch(o -> o.name().equals(clause.outcome()));
                if (known) {
                    errors.add(new FieldError(at + ".item", "must be one of the step's items: " + outcomes.stream()
                            .filter(o -> o.name().equals(clause.outcome())).map(Outcome::item).toList()));
                } else {
                    errors.add(new FieldError(at + ".outcome", "a " + named.type().name() + " step's outcomes are "
                            + outcomes.stream().map(Outcome::name).distinct().toList()));
                }
            }
        }
        return errors;
    }

    /**
     * TRUE or FALSE once every step the clauses name has ended (COMPLETED or SKIPPED), WAIT before. A named step the
     * instance no longer has makes its clause false.
     */
    public Verdict evaluate(Condition condition, ConditionFacts facts) {
        List<Boolean> results = new ArrayList<>();
        for (Clause clause : condition.when()) {
            boolean holds;
            if (clause.aboutStep()) {
                var step = clause.stepId() == null ? null : facts.step(clause.stepId());
                if (step != null && step.state() != ActionState.COMPLETED && step.state() != ActionState.SKIPPED) {
                    return Verdict.WAIT;
                }
                holds = step != null && registry.hasOutcome(step.type(), step.state(), step.data(), clause.outcome(),
                        clause.item());
            } else if (clause.matter() == MatterField.PRACTICE_AREA) {
                String area = facts.practiceArea();
                holds = area != null && normal(area).equals(normal(clause.equals()));
            } else {
                holds = facts.hasKeyDate(clause.keyDate());
            }
            results.add(holds != clause.negates());
        }
        boolean value = condition.matchOrDefault() == Condition.Match.ALL
                ? results.stream().allMatch(b -> b) : results.stream().anyMatch(b -> b);
        return value ? Verdict.TRUE : Verdict.FALSE;
    }

    /** Whether the condition names one of this step's own outcomes (not just COMPLETED or SKIPPED). */
    public static boolean branchesOn(Condition condition, UUID stepId) {
        return condition != null && condition.when().stream().anyMatch(c -> c.aboutStep() && stepId.equals(c.stepId())
                && !Outcome.isGeneric(c.outcome()));
    }

    /**
     * The condition in words: "\u201cConflict check\u201d is rejected and the practice area is \u201cLitigation\u201d".
     * {@code steps} finds the step a clause names (null: no longer there).
     */
    public String describe(Condition condition, Function<Clause, NamedStep> steps) {
        List<String> parts = new ArrayList<>();
        for (Clause clause : condition.when()) {
            parts.add(describe(clause, steps));
        }
        return String.join(condition.matchOrDefault() == Condition.Match.ALL ? " and " : " or ", parts);
    }

    private String describe(Clause clause, Function<Clause, NamedStep> steps) {
        if (clause.matter() == MatterField.PRACTICE_AREA) {
            return "the practice area is " + (clause.negates() ? "not " : "") + quote(clause.equals());
        }
        if (clause.matter() == MatterField.KEY_DATE) {
            return "the key date " + quote(clause.keyDate()) + (clause.negates() ? " is not set" : " is set");
        }
        NamedStep step = steps.apply(clause);
        if (step == null) {
            return "a removed step is " + clause.outcome().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
        Outcome outcome = outcomes(step).stream().filter(o -> o.matches(clause.outcome(), clause.item()))
                .findFirst().orElse(Outcome.of(clause.outcome(),
                        "is " + clause.outcome().toLowerCase(Locale.ROOT).replace('_', ' '),
                        "is not " + clause.outcome().toLowerCase(Locale.ROOT).replace('_', ' ')));
        return quote(step.title()) + " " + (clause.negates() ? outcome.negatedLabel() : outcome.label());
    }

    private static String quote(String text) {
        return "\u201c" + text + "\u201d";
    }

    private static String normal(String text) {
        return text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    }
}
