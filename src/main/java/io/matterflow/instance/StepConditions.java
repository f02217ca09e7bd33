package io.matterflow.instance;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import io.matterflow.common.ConflictException;
import io.matterflow.condition.Condition;
import io.matterflow.condition.ConditionFacts;
import io.matterflow.condition.Conditions;
import io.matterflow.directory.Directory;
import io.matterflow.directory.MatterKeyDates;
import io.matterflow.instance.internal.InstanceEntity;
import io.matterflow.instance.internal.InstanceStepEntity;

/**
 * An instance's conditions: judged for {@link Readiness} over the instance's steps and its matter (read only when a
 * condition asks about it), said in words for the skip reason, and kept answerable by edits: a step a condition names
 * stays before it and cannot be removed.
 */
@Component
public class StepConditions {

    private final Conditions conditions;
    private final Directory directory;
    private final MatterKeyDates keyDates;

    StepConditions(Conditions conditions, Directory directory, MatterKeyDates keyDates) {
        this.conditions = conditions;
        this.directory = directory;
        this.keyDates = keyDates;
    }

    /** The judge of the instance's conditions; one that answers TRUE when no step has a condition. */
    Readiness.Judge judge(InstanceEntity instance, List<InstanceStepEntity> steps) {
        if (steps.stream().noneMatch(s -> s.condition() != null)) {
            return Readiness.NO_CONDITIONS;
        }
        Map<UUID, InstanceStepEntity> byId = byId(steps);
        var judging = judging(instance);
        return (stepId, planned) -> judging.verdict(byId.get(stepId).condition(), id -> {
            InstanceStepEntity other = byId.get(id);
            return other == null ? null
                    : new ConditionFacts.StepFact(other.actionType(), planned.getOrDefault(id, other.state()),
                    other.actionData());
        });
    }

    /** Judges conditions against steps as the caller has them and the instance's matter (read once, if asked). */
    MigrationPlan.Judging judging(InstanceEntity instance) {
        var matter = new MatterFacts(instance);
        return (condition, steps) -> conditions.evaluate(condition, new ConditionFacts() {
            @Override
            public StepFact step(UUID id) {
                return steps.apply(id);
            }

            @Override
            public String practiceArea() {
                return matter.practiceArea();
            }

            @Override
            public boolean hasKeyDate(String name) {
                return matter.keyDates().containsKey(name);
            }
        });
    }

    /** The step's condition in words, naming the other steps by their titles. */
    String describe(InstanceStepEntity step, List<InstanceStepEntity> steps) {
        return describe(step.condition(), steps);
    }

    String describe(Condition condition, List<InstanceStepEntity> steps) {
        Map<UUID, InstanceStepEntity> byId = byId(steps);
        return conditions.describe(condition, clause -> named(byId.get(clause.stepId())));
    }

    /** Each step's condition in words ("\u201cConflict check\u201d is rejected"), by step id, for the pages. */
    public Map<UUID, String> inWords(List<StepDetails> steps) {
        Map<UUID, StepDetails> byId = steps.stream().collect(Collectors.toMap(StepDetails::id, Function.identity()));
        Map<UUID, String> words = new java.util.HashMap<>();
        for (StepDetails step : steps) {
            if (step.condition() != null) {
                words.put(step.id(), conditions.describe(step.condition(), clause -> {
                    StepDetails named = byId.get(clause.stepId());
                    return named == null ? null
                            : new Conditions.NamedStep(named.title(), named.actionType(), named.actionConfig());
                }));
            }
        }
        return words;
    }

    /** Whether a later step's condition names one of this step's own outcomes: the template branches on it. */
    static boolean branchesOn(InstanceStepEntity step, List<InstanceStepEntity> steps) {
        return steps.stream().anyMatch(s -> Conditions.branchesOn(s.condition(), step.id()));
    }

    /** Refuses (409) removing a step that another step's condition names. */
    static void checkRemovable(InstanceStepEntity step, List<InstanceStepEntity> steps) {
        for (InstanceStepEntity other : steps) {
            if (other.condition() != null && other.condition().stepIds().contains(step.id())) {
                throw new ConflictException("Step named by a condition", "\u201c" + other.title()
                        + "\u201d runs on a condition that names \u201c" + step.title() + "\u201d; it cannot be"
                        + " removed while that condition depends on it",
                        Map.of("stepId", step.id().toString(), "conditionStepId", other.id().toString(),
                                "conditionStepTitle", other.title()));
            }
        }
    }

    /** Refuses (409) an order in which a step's condition names a step that is not before it. */
    static void checkOrder(List<InstanceStepEntity> stepsInOrder) {
        Map<UUID, Integer> position = new java.util.HashMap<>();
        for (int i = 0; i < stepsInOrder.size(); i++) {
            position.put(stepsInOrder.get(i).id(), i);
        }
        Map<UUID, InstanceStepEntity> byId = byId(stepsInOrder);
        for (int i = 0; i < stepsInOrder.size(); i++) {
            InstanceStepEntity step = stepsInOrder.get(i);
            if (step.condition() == null) {
                continue;
            }
            for (UUID named : step.condition().stepIds()) {
                Integer at = position.get(named);
                if (at != null && at >= i) {
                    throw new ConflictException("Condition looks ahead", "\u201c" + step.title() + "\u201d runs on a"
                            + " condition about \u201c" + byId.get(named).title() + "\u201d, which must come"
                            + " before it", Map.of("stepId", step.id().toString(), "namedStepId", named.toString(),
                            "namedStepTitle", byId.get(named).title()));
                }
            }
        }
    }

    private static Conditions.NamedStep named(InstanceStepEntity step) {
        return step == null ? null : new Conditions.NamedStep(step.title(), step.actionType(), step.actionConfig());
    }

    private static Map<UUID, InstanceStepEntity> byId(List<InstanceStepEntity> steps) {
        return steps.stream().collect(Collectors.toMap(InstanceStepEntity::id, Function.identity()));
    }

    /** The matter's fields, read once and only when asked. */
    private final class MatterFacts {
        private final InstanceEntity instance;
        private String practiceArea;
        private SortedMap<String, java.time.LocalDate> dates;
        private boolean read;

        MatterFacts(InstanceEntity instance) {
            this.instance = instance;
        }

        String practiceArea() {
            if (!read) {
                practiceArea = directory.findMatter(instance.orgId(), instance.matterId())
                        .map(m -> m.practiceArea()).orElse(null);
                read = true;
            }
            return practiceArea;
        }

        SortedMap<String, java.time.LocalDate> keyDates() {
            if (dates == null) {
                dates = keyDates.of(instance.orgId(), instance.matterId());
            }
            return dates;
        }
    }
}
