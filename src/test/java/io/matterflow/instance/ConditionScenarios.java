package io.matterflow.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.matterflow.access.Matters;
import io.matterflow.action.ActionState;
import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.audit.AuditEvent;
import io.matterflow.common.ConflictException;
import io.matterflow.common.FieldError;
import io.matterflow.common.ValidationException;
import io.matterflow.condition.Clause;
import io.matterflow.condition.Condition;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Directory;
import io.matterflow.directory.MatterEdit;
import io.matterflow.template.StepDefinition;
import io.matterflow.template.TemplateChanges;
import io.matterflow.template.Templates;
import io.matterflow.support.TestFirm;
import io.matterflow.support.Workflows;

/**
 * Conditions on steps, through the real services: a rejected approval takes the template's other path, the matter's
 * practice area and key dates decide steps, a condition waits for the optional step it names, publishing refuses a
 * condition that looks ahead or names an outcome the step cannot have, and edits keep conditions answerable. Run on
 * H2 and on PostgreSQL.
 */
abstract class ConditionScenarios {

    @Autowired
    Directory directory;
    @Autowired
    Workflows workflows;
    @Autowired
    Templates templates;
    @Autowired
    Instances instances;
    @Autowired
    StepRuntime runtime;
    @Autowired
    Matters matters;
    @Autowired
    Migrations migrations;

    static StepDefinition approval(String title) {
        return new StepDefinition(title, ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true, Map.of());
    }

    static StepDefinition checklist(String title, boolean required, Condition condition, String... items) {
        return new StepDefinition(title, ActionType.CHECKLIST, RoleScope.LAWYER, required,
                Map.of("items", List.of(items)), null, null, condition, null);
    }

    /** Conflict check, then a decline letter when it is rejected and an engagement letter when approved. */
    InstanceDetails branching(TestFirm firm) {
        return workflows.instance(firm, approval("Conflict check"),
                checklist("Decline letter", true, Condition.all(Clause.outcome(0, "REJECTED")), "Sent"),
                checklist("Engagement letter", true, Condition.all(Clause.outcome(0, "APPROVED")), "Sent"));
    }

    private StepDetails step(Actor actor, UUID id) {
        return instances.step(actor, id);
    }

    @Test
    void shouldTakeTheDeclinePathWhenTheApprovalIsRejected() {
        var firm = TestFirm.create(directory);
        var owner = firm.as(firm.owner());
        var instance = branching(firm);
        var steps = instance.steps();
        assertThat(steps.get(1).condition().when().get(0).stepId()).isEqualTo(steps.get(0).id());
        assertThat(steps).extracting(StepDetails::actionState)
                .containsExactly(ActionState.READY, ActionState.PENDING, ActionState.PENDING);

        runtime.start(owner, steps.get(0).id());
        var decided = runtime.complete(owner, steps.get(0).id(), Map.of("approved", false, "comment", "Conflict"));

        // the template says what follows a rejection: the approval completes with that outcome
        assertThat(decided.actionState()).isEqualTo(ActionState.COMPLETED);
        assertThat(decided.actionData()).containsEntry("approved", false);
        assertThat(step(owner, steps.get(1).id()).actionState()).isEqualTo(ActionState.READY);
        // the engagement letter is judged when it would become READY: after the decline letter, a required step
        assertThat(step(owner, steps.get(2).id()).actionState()).isEqualTo(ActionState.PENDING);
        List<AuditEvent> audit = instances.audit(owner, instance.id());
        assertThat(audit).filteredOn(e -> steps.get(0).id().equals(e.entityId()) && e.action().equals("step.complete"))
                .singleElement().satisfies(e -> assertThat(e.metadata()).containsKey("branch"));

        runtime.complete(owner, steps.get(1).id(), Map.of("checked", List.of("Sent")));
        var engagement = step(owner, steps.get(2).id());
        assertThat(engagement.actionState()).isEqualTo(ActionState.SKIPPED);
        assertThat(engagement.actionData()).containsEntry("skippedByCondition", true)
                .containsEntry("skipReason", "its condition is not met: \u201cConflict check\u201d is approved");
        assertThat(instances.audit(owner, instance.id()))
                .filteredOn(e -> steps.get(2).id().equals(e.entityId()) && e.action().equals("step.auto-skip"))
                .singleElement().satisfies(e -> {
                    assertThat(e.fromState()).isEqualTo("PENDING");
                    assertThat(e.metadata()).containsEntry("reason",
                            "its condition is not met: \u201cConflict check\u201d is approved");
                    assertThat(e.metadata()).containsKey("condition");
                });
        assertThat(instances.get(owner, instance.id()).status()).isEqualTo(WorkflowStatus.COMPLETED);
    }

    @Test
    void shouldTakeTheEngagementPathWhenTheApprovalIsApproved() {
        var firm = TestFirm.create(directory);
        var owner = firm.as(firm.owner());
        var steps = branching(firm).steps();

        runtime.start(owner, steps.get(0).id());
        runtime.complete(owner, steps.get(0).id(), Map.of("approved", true));

        assertThat(step(owner, steps.get(1).id()).actionState()).isEqualTo(ActionState.SKIPPED);
        assertThat(step(owner, steps.get(1).id()).actionData().get("skipReason").toString())
                .endsWith("\u201cConflict check\u201d is rejected");
        assertThat(step(owner, steps.get(2).id()).actionState()).isEqualTo(ActionState.READY);
    }

    @Test
    void shouldStillFailARejectedApprovalThatNoConditionBranchesOn() {
        var firm = TestFirm.create(directory);
        var owner = firm.as(firm.owner());
        var steps = workflows.instance(firm, approval("Conflict check"),
                checklist("Engagement letter", true, Condition.all(Clause.outcome(0, "COMPLETED")), "Sent")).steps();

        runtime.start(owner, steps.get(0).id());
        var decided = runtime.complete(owner, steps.get(0).id(), Map.of("approved", false, "comment", "No"));

        assertThat(decided.actionState()).isEqualTo(ActionState.FAILED);
        assertThat(step(owner, steps.get(1).id()).actionState()).isEqualTo(ActionState.PENDING);
    }

    @Test
    void shouldDecideByThePracticeAreaAndKeyDates() {
        var firm = TestFirm.create(directory);
        var owner = firm.as(firm.owner());
        matters.update(owner, firm.matter().id(), new MatterEdit(null, null, null, null, false, " litigation "), null,
                false);
        var steps = workflows.instance(firm,
                checklist("Intake", true, null, "Done"),
                checklist("Litigation hold", true, Condition.all(Clause.practiceArea("Litigation")), "Sent"),
                checklist("Conveyancing searches", true, Condition.all(Clause.practiceArea("Conveyancing")), "Done"),
                checklist("Trial bundle", true, Condition.all(Clause.keyDateSet("Trial")), "Done"),
                checklist("Ask for a trial date", false, Condition.all(Clause.keyDateSet("Trial").negated()), "Done"))
                .steps();
        assertThat(matters.get(owner, firm.matter().id()).practiceArea()).isEqualTo("litigation");

        runtime.complete(owner, steps.get(0).id(), Map.of("checked", List.of("Done")));

        assertThat(step(owner, steps.get(1).id()).actionState()).isEqualTo(ActionState.READY);
        runtime.complete(owner, steps.get(1).id(), Map.of("checked", List.of("Sent")));
        assertThat(step(owner, steps.get(2).id()).actionState()).isEqualTo(ActionState.SKIPPED);
        assertThat(step(owner, steps.get(2).id()).actionData().get("skipReason").toString())
                .endsWith("the practice area is \u201cConveyancing\u201d");
        assertThat(step(owner, steps.get(3).id()).actionState()).isEqualTo(ActionState.SKIPPED);
        // the required steps are done: the instance completes and its optional step goes with it
        assertThat(instances.get(owner, steps.get(0).instanceId()).status()).isEqualTo(WorkflowStatus.COMPLETED);
    }

    @Test
    void shouldRunAKeyDateStepOnceTheMatterHasTheDate() {
        var firm = TestFirm.create(directory);
        var owner = firm.as(firm.owner());
        matters.setKeyDates(owner, firm.matter().id(), List.of(new Matters.KeyDate("Trial", LocalDate.of(2027, 1, 5))));
        var steps = workflows.instance(firm,
                checklist("Trial bundle", true, Condition.all(Clause.keyDateSet("trial")), "Done"),
                checklist("No trial yet", true, Condition.all(Clause.keyDateSet("Trial").negated()), "Done")).steps();

        assertThat(steps.get(0).actionState()).isEqualTo(ActionState.READY);
        runtime.complete(owner, steps.get(0).id(), Map.of("checked", List.of("Done")));
        assertThat(step(owner, steps.get(1).id()).actionState()).isEqualTo(ActionState.SKIPPED);
    }

    @Test
    void shouldWaitForTheOptionalStepItNamesAndTakeASkipAsAnOutcome() {
        var firm = TestFirm.create(directory);
        var owner = firm.as(firm.owner());
        var admin = firm.as(firm.admin());
        var steps = workflows.instance(firm,
                checklist("Courtesy call", false, null, "Called"),
                checklist("Follow-up letter", true, Condition.all(Clause.outcome(0, "SKIPPED")), "Sent"),
                checklist("Call notes", true, Condition.all(new Clause(0, null, "CHECKED", "Called", null, null, null,
                        null)), "Filed"))
                .steps();
        // the optional step is READY; the steps naming it wait until it ends
        assertThat(steps).extracting(StepDetails::actionState)
                .containsExactly(ActionState.READY, ActionState.PENDING, ActionState.PENDING);

        runtime.skip(admin, steps.get(0).id(), "No answer");

        assertThat(step(owner, steps.get(1).id()).actionState()).isEqualTo(ActionState.READY);
        assertThat(step(owner, steps.get(2).id()).actionState()).isEqualTo(ActionState.PENDING);
        runtime.complete(owner, steps.get(1).id(), Map.of("checked", List.of("Sent")));
        // "Call notes" names an item the skipped call never ticked
        assertThat(step(owner, steps.get(2).id()).actionState()).isEqualTo(ActionState.SKIPPED);
        assertThat(instances.get(owner, steps.get(0).instanceId()).status()).isEqualTo(WorkflowStatus.COMPLETED);
    }

    @Test
    void shouldRefuseToPublishAConditionThatLooksAheadOrNamesAnUnknownOutcome() {
        var firm = TestFirm.create(directory);
        var author = firm.as(firm.owner());
        var bad = List.of(
                checklist("First", true, Condition.all(Clause.outcome(1, "COMPLETED")), "A"),
                approval("Approval"),
                checklist("Signed?", true, Condition.all(Clause.outcome(1, "SIGNED")), "A"),
                checklist("Ticked?", true, Condition.any(new Clause(0, null, "CHECKED", "Nope", null, null, null,
                        null)), "A"),
                checklist("Self", true, Condition.all(Clause.outcome(4, "COMPLETED")), "A"),
                checklist("Empty", true, new Condition(null, List.of()), "A"));

        assertThatThrownBy(() -> templates.create(author, "Bad " + UUID.randomUUID(), null, bad))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactlyInAnyOrder(
                                "steps[0].condition.when[0].step",
                                "steps[2].condition.when[0].outcome",
                                "steps[3].condition.when[0].item",
                                "steps[4].condition.when[0].step",
                                "steps[5].condition.when"));
    }

    @Test
    void shouldKeepStepIdsAcrossDraftEditsAndRefuseConditionsThatStopMakingSense() {
        var firm = TestFirm.create(directory);
        var author = firm.as(firm.owner());
        var template = templates.create(author, "Ids " + UUID.randomUUID(), null, List.of(approval("Conflict check"),
                checklist("Letter", true, Condition.all(Clause.outcome(0, "REJECTED")), "Sent")));
        var ids = template.steps().stream().map(s -> s.id()).toList();

        // the client sends the steps back with their ids, reordered and with one more: the ids stay
        var kept = templates.update(author, template.id(), new TemplateChanges(null, null, null, List.of(
                withId(approval("Conflict check"), ids.get(0)),
                checklist("New", false, null, "X"),
                withId(checklist("Letter", true, Condition.all(Clause.outcome(0, "REJECTED")), "Sent"), ids.get(1)))));
        assertThat(kept.steps()).extracting(s -> s.id()).startsWith(ids.get(0)).endsWith(ids.get(1));
        assertThat(kept.steps().get(1).id()).isNotIn(ids);

        // moving the branch before the step it names is refused, naming the field
        assertThatThrownBy(() -> templates.update(author, template.id(), new TemplateChanges(null, null, null, List.of(
                checklist("Letter", true, Condition.all(Clause.outcome(1, "REJECTED")), "Sent"),
                approval("Conflict check")))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("steps[0].condition.when[0].step"));
    }

    private static StepDefinition withId(StepDefinition d, UUID id) {
        return new StepDefinition(d.title(), d.actionType(), d.roleScope(), d.required(), d.actionConfig(),
                d.clientVisible(), d.dueRule(), d.condition(), id);
    }

    @Test
    void shouldRefuseInstanceEditsThatBreakACondition() {
        var firm = TestFirm.create(directory);
        var owner = firm.as(firm.owner());
        var instance = branching(firm);
        var steps = instance.steps();

        assertThatThrownBy(() -> instances.removeStep(owner, instance.id(), steps.get(0).id()))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.getMessage())
                        .contains("Decline letter").contains("Conflict check"));
        assertThatThrownBy(() -> instances.reorder(owner, instance.id(),
                List.of(steps.get(1).id(), steps.get(0).id(), steps.get(2).id())))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> instances.editStep(owner, instance.id(), steps.get(2).id(),
                new Instances.StepChanges(null, null, null, null, 0)))
                .isInstanceOf(ConflictException.class);
        // nothing changed
        assertThat(instances.get(owner, instance.id()).steps()).extracting(StepDetails::id)
                .containsExactlyElementsOf(steps.stream().map(StepDetails::id).toList());
        // a step the condition does not name can go
        instances.removeStep(owner, instance.id(), steps.get(2).id());
    }

    @Test
    void shouldKeepConditionsFromTheClient() {
        var firm = TestFirm.create(directory);
        var steps = workflows.instance(firm, approval("Conflict check"),
                new StepDefinition("Sign", ActionType.SIGNATURE_CLIENT, RoleScope.CLIENT, true,
                        Map.of("documentId", "engagement-letter"), null, null,
                        Condition.all(Clause.outcome(0, "APPROVED")), null)).steps();
        assertThat(steps.get(1).condition()).isNotNull();
        assertThat(instances.step(firm.as(firm.client()), steps.get(1).id()).condition()).isNull();
    }

    /**
     * A template gains a branch in version 2: its steps keep their ids (the rename of "Letter" is the same step), the
     * dry run says so and judges the conditions as the run will, and the migrated instance follows the branch.
     */
    @Test
    void shouldMigrateARunningInstanceOntoAVersionWithABranch() {
        var firm = TestFirm.create(directory);
        var owner = firm.as(firm.owner());
        var admin = firm.as(firm.admin());
        var template = templates.create(owner, "Intake " + UUID.randomUUID(), null, List.of(
                approval("Conflict check"), checklist("Letter", true, null, "Sent")));
        templates.publish(owner, template.id());
        var ids = template.steps().stream().map(s -> s.id()).toList();
        var instance = workflows.instantiate(firm, template.id(), "Running intake");
        templates.update(owner, template.id(), new TemplateChanges(null, null, null, List.of(
                withId(approval("Conflict check"), ids.get(0)),
                checklist("Decline letter", true, Condition.all(Clause.outcome(0, "REJECTED")), "Sent"),
                withId(checklist("Engagement letter", true, Condition.all(Clause.outcome(0, "APPROVED")), "Sent"),
                        ids.get(1)))));
        templates.publish(owner, template.id());

        var dryRun = migrations.migrate(admin, template.id(), new Migrations.Request(1, 2, null, true));
        var plan = dryRun.items().get(0).plan();
        assertThat(plan.steps()).extracting(MigrationPlan.PlannedStep::change, MigrationPlan.PlannedStep::title)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(MigrationPlan.Change.KEPT, "Conflict check"),
                        org.assertj.core.groups.Tuple.tuple(MigrationPlan.Change.ADDED, "Decline letter"),
                        org.assertj.core.groups.Tuple.tuple(MigrationPlan.Change.KEPT, "Engagement letter"));
        assertThat(instances.get(owner, instance.id()).templateVersion()).isEqualTo(1);

        migrations.migrate(admin, template.id(), new Migrations.Request(1, 2, null, false));
        var migrated = instances.get(owner, instance.id());
        assertThat(migrated.templateVersion()).isEqualTo(2);
        var steps = migrated.steps();
        assertThat(steps.get(2).id()).isEqualTo(instance.steps().get(1).id());
        assertThat(steps.get(2).condition().when().get(0).stepId()).isEqualTo(steps.get(0).id());

        runtime.start(owner, steps.get(0).id());
        runtime.complete(owner, steps.get(0).id(), Map.of("approved", false, "comment", "Conflict"));
        assertThat(step(owner, steps.get(0).id()).actionState()).isEqualTo(ActionState.COMPLETED);
        assertThat(step(owner, steps.get(1).id()).actionState()).isEqualTo(ActionState.READY);
    }

    /** The dry run of an instance whose branch is already decided shows the step the condition skips. */
    @Test
    void shouldShowInTheDryRunTheStepAConditionSkips() {
        var firm = TestFirm.create(directory);
        var owner = firm.as(firm.owner());
        var template = templates.create(owner, "Intake " + UUID.randomUUID(), null, List.of(
                approval("Conflict check"), checklist("Letter", true, null, "Sent")));
        templates.publish(owner, template.id());
        var ids = template.steps().stream().map(s -> s.id()).toList();
        var instance = workflows.instantiate(firm, template.id(), "Running intake");
        runtime.start(owner, instance.steps().get(0).id());
        runtime.complete(owner, instance.steps().get(0).id(), Map.of("approved", true));
        templates.update(owner, template.id(), new TemplateChanges(null, null, null, List.of(
                withId(approval("Conflict check"), ids.get(0)),
                checklist("Decline letter", true, Condition.all(Clause.outcome(0, "REJECTED")), "Sent"),
                withId(checklist("Letter", true, null, "Sent"), ids.get(1)))));
        templates.publish(owner, template.id());

        var plan = migrations.migrate(firm.as(firm.admin()), template.id(),
                new Migrations.Request(1, 2, null, true)).items().get(0).plan();

        assertThat(plan.steps()).extracting(MigrationPlan.PlannedStep::title, MigrationPlan.PlannedStep::newState)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Conflict check", ActionState.COMPLETED),
                        org.assertj.core.groups.Tuple.tuple("Decline letter", ActionState.SKIPPED),
                        org.assertj.core.groups.Tuple.tuple("Letter", ActionState.READY));
        migrations.migrate(firm.as(firm.admin()), template.id(), new Migrations.Request(1, 2, null, false));
        assertThat(instances.get(owner, instance.id()).steps()).extracting(StepDetails::actionState)
                .containsExactly(ActionState.COMPLETED, ActionState.SKIPPED, ActionState.READY);
    }
}
