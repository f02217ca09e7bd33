package io.matterflow.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.matterflow.action.Outcome;
import io.matterflow.condition.Clause;
import io.matterflow.condition.Condition;
import io.matterflow.condition.Conditions;
import io.matterflow.condition.MatterField;

/**
 * The paths through a draft with conditions, for the builder's preview: for each combination of the outcomes the
 * conditions name (an approval approved or rejected; a step's one named outcome and its opposite) and of the matter
 * fields they ask about, which steps run and which are skipped. Whether a step is COMPLETED or SKIPPED is whether it
 * runs on the path (a person skipping it is not a path of the template). Combinations that give the same steps are one path;
 * at most {@value #MAX_PATHS} are shown.
 */
public final class TemplatePaths {

    static final int MAX_PATHS = 8;
    private static final int MAX_COMBINATIONS = 64;

    /** One path: what it assumes, and each step with whether it runs. */
    public record Path(String assumes, List<PathStep> steps) {
    }

    public record PathStep(String title, boolean runs) {
    }

    /** What one variable of the paths can be: an outcome of a step (or, for one named outcome, its opposite). */
    private record Choice(Integer step, String outcome, String item, boolean opposite, String words,
                          MatterField matter, String value) {
    }

    private TemplatePaths() {
    }

    /** The paths of the definitions; empty when no step has a condition. */
    public static List<Path> of(List<StepDefinition> steps, Conditions conditions) {
        if (steps.stream().allMatch(s -> s == null || s.condition() == null)) {
            return List.of();
        }
        List<List<Choice>> variables = variables(steps, conditions);
        List<Path> paths = new ArrayList<>();
        Set<List<Boolean>> seen = new LinkedHashSet<>();
        int combinations = 1;
        for (List<Choice> v : variables) {
            combinations = Math.min(MAX_COMBINATIONS, combinations * v.size());
        }
        for (int n = 0; n < combinations && paths.size() < MAX_PATHS; n++) {
            List<Choice> chosen = new ArrayList<>();
            int rest = n;
            for (List<Choice> v : variables) {
                chosen.add(v.get(rest % v.size()));
                rest /= v.size();
            }
            List<Boolean> runs = walk(steps, chosen);
            if (seen.add(runs)) {
                List<PathStep> pathSteps = new ArrayList<>();
                for (int i = 0; i < steps.size(); i++) {
                    String title = steps.get(i) == null || steps.get(i).title() == null || steps.get(i).title().isBlank()
                            ? "(untitled step)" : steps.get(i).title();
                    pathSteps.add(new PathStep(title, runs.get(i)));
                }
                paths.add(new Path(String.join("; ", chosen.stream().map(Choice::words).toList()), pathSteps));
            }
        }
        return paths;
    }

    /** Per step named by a condition, its named outcomes; per matter field asked about, yes and no. */
    private static List<List<Choice>> variables(List<StepDefinition> steps, Conditions conditions) {
        Map<Integer, Map<String, Choice>> byStep = new LinkedHashMap<>();
        Map<String, List<Choice>> matter = new LinkedHashMap<>();
        for (StepDefinition step : steps) {
            if (step == null || step.condition() == null || step.condition().when() == null) {
                continue;
            }
            for (Clause c : step.condition().when()) {
                if (c == null) {
                    continue;
                }
                if (c.aboutStep() && Outcome.isGeneric(c.outcome())) {
                    continue; // whether the step completed or was skipped is whether it ran on the path
                }
                if (c.aboutStep() && c.step() != null && c.step() >= 0 && c.step() < steps.size()
                        && steps.get(c.step()) != null && c.outcome() != null) {
                    StepDefinition named = steps.get(c.step());
                    String title = named.title() == null ? "step " + (c.step() + 1) : named.title();
                    Outcome outcome = outcome(conditions, named, c);
                    byStep.computeIfAbsent(c.step(), k -> new LinkedHashMap<>()).putIfAbsent(
                            c.outcome() + ":" + c.item(), new Choice(c.step(), c.outcome(), c.item(), false,
                                    quote(title) + " " + outcome.label(), null, null));
                } else if (c.matter() == MatterField.PRACTICE_AREA && c.equals() != null) {
                    String key = "area:" + c.equals().strip().toLowerCase(Locale.ROOT);
                    matter.putIfAbsent(key, List.of(
                            new Choice(null, null, null, false, "the practice area is " + quote(c.equals().strip()),
                                    MatterField.PRACTICE_AREA, c.equals().strip()),
                            new Choice(null, null, null, true, "the practice area is not " + quote(c.equals().strip()),
                                    MatterField.PRACTICE_AREA, c.equals().strip())));
                } else if (c.matter() == MatterField.KEY_DATE && c.keyDate() != null) {
                    String key = "date:" + c.keyDate().strip();
                    matter.putIfAbsent(key, List.of(
                            new Choice(null, null, null, false, "the key date " + quote(c.keyDate().strip())
                                    + " is set", MatterField.KEY_DATE, c.keyDate().strip()),
                            new Choice(null, null, null, true, "the key date " + quote(c.keyDate().strip())
                                    + " is not set", MatterField.KEY_DATE, c.keyDate().strip())));
                }
            }
        }
        List<List<Choice>> variables = new ArrayList<>();
        byStep.forEach((position, named) -> {
            List<Choice> choices = new ArrayList<>(named.values());
            if (choices.size() == 1) {
                Choice only = choices.get(0);
                StepDefinition step = steps.get(position);
                Outcome outcome = outcome(conditions, step, new Clause(position, null, only.outcome(), only.item(),
                        null, null, null, null));
                choices.add(new Choice(position, only.outcome(), only.item(), true,
                        quote(step.title() == null ? "step " + (position + 1) : step.title()) + " "
                                + outcome.negatedLabel(), null, null));
            }
            variables.add(choices);
        });
        variables.addAll(matter.values());
        return variables;
    }

    private static Outcome outcome(Conditions conditions, StepDefinition step, Clause clause) {
        if (step.actionType() != null) {
            for (Outcome o : conditions.outcomes(new Conditions.NamedStep(step.title(), step.actionType(),
                    step.actionConfig()))) {
                if (o.matches(clause.outcome(), clause.item())) {
                    return o;
                }
            }
        }
        String words = clause.outcome().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Outcome.of(clause.outcome(), "is " + words, "is not " + words);
    }

    /** Whether each step runs, given the chosen outcomes and matter fields. */
    private static List<Boolean> walk(List<StepDefinition> steps, List<Choice> chosen) {
        List<Boolean> runs = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            StepDefinition step = steps.get(i);
            Condition condition = step == null ? null : step.condition();
            if (condition == null || condition.when() == null || condition.when().isEmpty()) {
                runs.add(true);
                continue;
            }
            List<Boolean> values = new ArrayList<>();
            for (Clause c : condition.when()) {
                values.add(c != null && holds(c, chosen, runs) != c.negates());
            }
            runs.add(condition.matchOrDefault() == Condition.Match.ALL
                    ? values.stream().allMatch(b -> b) : values.stream().anyMatch(b -> b));
        }
        return runs;
    }

    private static boolean holds(Clause c, List<Choice> chosen, List<Boolean> runs) {
        if (!c.aboutStep()) {
            for (Choice choice : chosen) {
                if (choice.matter() == c.matter() && choice.value() != null && choice.value().equalsIgnoreCase(
                        c.matter() == MatterField.PRACTICE_AREA ? strip(c.equals()) : strip(c.keyDate()))) {
                    return !choice.opposite();
                }
            }
            return false;
        }
        if (c.step() == null || c.step() < 0 || c.step() >= runs.size()) {
            return false;
        }
        boolean ran = runs.get(c.step());
        if (Outcome.SKIPPED.equals(c.outcome())) {
            return !ran;
        }
        if (Outcome.COMPLETED.equals(c.outcome())) {
            return ran;
        }
        if (!ran) {
            return false;
        }
        for (Choice choice : chosen) {
            if (Objects.equals(choice.step(), c.step()) && Objects.equals(choice.outcome(), c.outcome())
                    && Objects.equals(choice.item(), c.item())) {
                return !choice.opposite();
            }
        }
        // another outcome of the step is the one chosen on this path
        return false;
    }

    private static String strip(String text) {
        return text == null ? "" : text.strip();
    }

    private static String quote(String text) {
        return "\u201c" + text + "\u201d";
    }
}
