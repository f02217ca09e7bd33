package io.matterflow.condition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.matterflow.action.ActionRegistry;
import io.matterflow.action.ActionState;
import io.matterflow.action.ActionType;
import io.matterflow.action.internal.ApprovalLawyerHandler;
import io.matterflow.action.internal.ChecklistHandler;
import io.matterflow.common.FieldError;
import io.matterflow.template.StepDefinition;
import io.matterflow.template.TemplatePaths;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

/** Conditions without a database: checking a template's, judging an instance's, saying them, and a draft's paths. */
class ConditionsTests {

    static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    static final Conditions CONDITIONS = new Conditions(new ActionRegistry(List.of(
            new ApprovalLawyerHandler(VALIDATOR), new ChecklistHandler(VALIDATOR))));

    static final UUID APPROVAL = UUID.randomUUID();
    static final UUID LIST = UUID.randomUUID();

    record Facts(Map<UUID, StepFact> steps, String practiceArea, Set<String> keyDates) implements ConditionFacts {
        @Override
        public StepFact step(UUID stepId) {
            return steps.get(stepId);
        }

        @Override
        public boolean hasKeyDate(String name) {
            return keyDates.contains(name);
        }
    }

    static Facts facts(ActionState approval, Boolean approved, ActionState list, List<String> checked) {
        return new Facts(Map.of(
                APPROVAL, new ConditionFacts.StepFact(ActionType.APPROVAL_LAWYER, approval,
                        approved == null ? Map.of() : Map.of("approved", approved)),
                LIST, new ConditionFacts.StepFact(ActionType.CHECKLIST, list, Map.of("checked", checked))),
                "Litigation", Set.of("Trial"));
    }

    static Clause on(UUID step, String outcome) {
        return new Clause(null, step, outcome, null, null, null, null, null);
    }

    @Test
    void shouldWaitUntilEveryNamedStepHasEnded() {
        var condition = Condition.all(on(APPROVAL, "APPROVED"), on(LIST, "COMPLETED"));
        assertThat(CONDITIONS.evaluate(condition, facts(ActionState.COMPLETED, true, ActionState.READY, List.of())))
                .isEqualTo(Verdict.WAIT);
        assertThat(CONDITIONS.evaluate(condition, facts(ActionState.FAILED, false, ActionState.COMPLETED, List.of())))
                .isEqualTo(Verdict.WAIT);
        assertThat(CONDITIONS.evaluate(condition, facts(ActionState.COMPLETED, true, ActionState.COMPLETED,
                List.of()))).isEqualTo(Verdict.TRUE);
    }

    @Test
    void shouldCombineClausesAndTurnThemRound() {
        var facts = facts(ActionState.COMPLETED, false, ActionState.SKIPPED, List.of());
        assertThat(CONDITIONS.evaluate(Condition.all(on(APPROVAL, "REJECTED")), facts)).isEqualTo(Verdict.TRUE);
        assertThat(CONDITIONS.evaluate(Condition.all(on(APPROVAL, "APPROVED")), facts)).isEqualTo(Verdict.FALSE);
        assertThat(CONDITIONS.evaluate(Condition.any(on(APPROVAL, "APPROVED"), on(LIST, "SKIPPED")), facts))
                .isEqualTo(Verdict.TRUE);
        assertThat(CONDITIONS.evaluate(Condition.all(on(APPROVAL, "APPROVED").negated(),
                Clause.practiceArea(" litigation "), Clause.keyDateSet("Trial")), facts)).isEqualTo(Verdict.TRUE);
        assertThat(CONDITIONS.evaluate(Condition.all(Clause.keyDateSet("Hearing")), facts)).isEqualTo(Verdict.FALSE);
        // a skipped step has none of its type's outcomes; a step no longer there makes its clause false
        assertThat(CONDITIONS.evaluate(Condition.all(new Clause(null, LIST, "UNCHECKED", "A", null, null, null,
                null)), facts)).isEqualTo(Verdict.FALSE);
        assertThat(CONDITIONS.evaluate(Condition.all(on(UUID.randomUUID(), "COMPLETED")), facts))
                .isEqualTo(Verdict.FALSE);
    }

    @Test
    void shouldCheckATemplatesConditionAgainstTheStepsBeforeIt() {
        var steps = List.of(new Conditions.NamedStep("Conflict check", ActionType.APPROVAL_LAWYER, Map.of()),
                new Conditions.NamedStep("Checks", ActionType.CHECKLIST, Map.of("items", List.of("ID", "AML"))));
        assertThat(CONDITIONS.checkTemplate("c", Condition.all(Clause.outcome(0, "REJECTED"),
                new Clause(1, null, "CHECKED", "AML", null, null, null, true)), 2, steps)).isEmpty();
        assertThat(CONDITIONS.checkTemplate("c", Condition.all(Clause.outcome(1, "PAID"),
                new Clause(1, null, "CHECKED", "Other", null, null, null, null), Clause.outcome(2, "COMPLETED"),
                new Clause(0, UUID.randomUUID(), "COMPLETED", null, null, null, null, null)), 2, steps))
                .extracting(FieldError::field)
                .containsExactly("c.when[0].outcome", "c.when[1].item", "c.when[2].step", "c.when[3].stepId");
        assertThat(new Condition(null, List.of(new Clause(null, null, "lower", null, null, "x", null, null),
                new Clause(0, null, "COMPLETED", null, MatterField.KEY_DATE, null, null, null))).errors("c"))
                .extracting(FieldError::field).containsExactly("c.when[0].step", "c.when[0].outcome",
                        "c.when[0].equals", "c.when[1].matter", "c.when[1].keyDate");
    }

    @Test
    void shouldSayAConditionInWords() {
        var named = Map.of(APPROVAL, new Conditions.NamedStep("Conflict check", ActionType.APPROVAL_LAWYER, Map.of()),
                LIST, new Conditions.NamedStep("Checks", ActionType.CHECKLIST, Map.of("items", List.of("ID"))));
        assertThat(CONDITIONS.describe(Condition.any(on(APPROVAL, "REJECTED"),
                new Clause(null, LIST, "CHECKED", "ID", null, null, null, true), Clause.practiceArea("Tax").negated(),
                Clause.keyDateSet("Trial")), c -> named.get(c.stepId())))
                .isEqualTo("\u201cConflict check\u201d is rejected or \u201cChecks\u201d does not have \u201cID\u201d"
                        + " ticked or the practice area is not \u201cTax\u201d or the key date \u201cTrial\u201d is set");
    }

    @Test
    void shouldListThePathsADraftsConditionsMake() {
        var steps = List.of(
                new StepDefinition("Conflict check", ActionType.APPROVAL_LAWYER, null, true, Map.of()),
                new StepDefinition("Decline letter", ActionType.CHECKLIST, null, true, Map.of(), null, null,
                        Condition.all(Clause.outcome(0, "REJECTED")), null),
                new StepDefinition("Engagement letter", ActionType.CHECKLIST, null, true, Map.of(), null, null,
                        Condition.all(Clause.outcome(0, "APPROVED")), null),
                new StepDefinition("Litigation hold", ActionType.CHECKLIST, null, true, Map.of(), null, null,
                        Condition.all(Clause.outcome(2, "COMPLETED"), Clause.practiceArea("Litigation")), null));

        var paths = TemplatePaths.of(steps, CONDITIONS);

        assertThat(paths).extracting(TemplatePaths.Path::assumes).containsExactly(
                "\u201cConflict check\u201d is rejected; the practice area is \u201cLitigation\u201d",
                "\u201cConflict check\u201d is approved; the practice area is \u201cLitigation\u201d",
                "\u201cConflict check\u201d is approved; the practice area is not \u201cLitigation\u201d");
        assertThat(paths).extracting(p -> p.steps().stream().map(TemplatePaths.PathStep::runs).toList())
                .containsExactly(List.of(true, true, false, false), List.of(true, false, true, true),
                        List.of(true, false, true, false));
        assertThat(TemplatePaths.of(steps.subList(0, 1), CONDITIONS)).isEmpty();
    }
}
