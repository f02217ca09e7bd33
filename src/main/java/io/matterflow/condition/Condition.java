package io.matterflow.condition;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import io.matterflow.common.FieldError;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * When a step runs: its clauses ({@code when}), all of them ({@code match} ALL, the default) or any. Evaluated when
 * the step would become READY, once every step the clauses name has ended (COMPLETED or SKIPPED); when it is false the
 * engine skips the step with the condition as the reason.
 */
@Schema(description = "When the step runs: the clauses in `when`, ALL of them (default) or ANY. Evaluated when the"
        + " step would become READY, once every step they name has ended; when false the step is skipped")
public record Condition(@Schema(nullable = true, description = "ALL (default) or ANY") Match match,
                        @Schema(description = "1 to 10 clauses") List<Clause> when) {

    public static final int MAX_CLAUSES = 10;

    public enum Match {
        ALL, ANY
    }

    public static Condition all(Clause... clauses) {
        return new Condition(Match.ALL, List.of(clauses));
    }

    public static Condition any(Clause... clauses) {
        return new Condition(Match.ANY, List.of(clauses));
    }

    public Match matchOrDefault() {
        return match == null ? Match.ALL : match;
    }

    /** The condition's own errors (shape and values), each under {@code path} ("steps[2].condition"). */
    public List<FieldError> errors(String path) {
        List<FieldError> errors = new ArrayList<>();
        if (when == null || when.isEmpty() || when.size() > MAX_CLAUSES) {
            errors.add(new FieldError(path + ".when", "must have 1 to " + MAX_CLAUSES + " clauses"));
            return errors;
        }
        for (int i = 0; i < when.size(); i++) {
            if (when.get(i) == null) {
                errors.add(new FieldError(path + ".when[" + i + "]", "must not be null"));
            } else {
                errors.addAll(when.get(i).errors(path + ".when[" + i + "]"));
            }
        }
        return errors;
    }

    /** The same condition with its texts trimmed and {@code match} spelled out. */
    public Condition normalized() {
        return new Condition(matchOrDefault(), when.stream().map(Clause::normalized).toList());
    }

    /** The same condition naming its steps by id, {@code ids} mapping a template position to the step's id. */
    public Condition withStepIds(Function<Integer, UUID> ids) {
        return new Condition(match, when.stream()
                .map(c -> c.aboutStep() && c.step() != null ? c.withStepId(ids.apply(c.step())) : c).toList());
    }

    /** The ids of the steps the clauses name (an instance's condition). */
    public Set<UUID> stepIds() {
        Set<UUID> ids = new LinkedHashSet<>();
        when.stream().filter(Clause::aboutStep).map(Clause::stepId).filter(Objects::nonNull).forEach(ids::add);
        return ids;
    }
}
