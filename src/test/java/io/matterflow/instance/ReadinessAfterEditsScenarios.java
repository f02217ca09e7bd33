package io.matterflow.instance;

import static io.matterflow.action.ActionState.COMPLETED;
import static io.matterflow.action.ActionState.FAILED;
import static io.matterflow.action.ActionState.IN_PROGRESS;
import static io.matterflow.action.ActionState.PENDING;
import static io.matterflow.action.ActionState.READY;
import static io.matterflow.support.Workflows.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;

import io.matterflow.action.ActionState;
import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.audit.AuditEvent;
import io.matterflow.audit.AuditLog;
import io.matterflow.common.ConflictException;
import io.matterflow.directory.Directory;
import io.matterflow.notification.FeatureFlags;
import io.matterflow.notification.Notification;
import io.matterflow.notification.Notifications;
import io.matterflow.support.TestFirm;
import io.matterflow.support.Workflows;
import io.matterflow.template.StepDefinition;
import io.matterflow.template.Templates;

/**
 * Readiness holds after every edit of a running instance: nothing behind an unfinished required step is READY, a READY
 * step that falls behind goes back to PENDING (audited, its notifications withdrawn, its emails canceled), and an
 * edit that would put a claimed or started step behind one is refused with 409, changing nothing.
 */
abstract class ReadinessAfterEditsScenarios {

    @Autowired
    Directory directory;
    @Autowired
    Templates templates;
    @Autowired
    Instances instances;
    @Autowired
    StepRuntime runtime;
    @Autowired
    AuditLog audit;
    @Autowired
    Notifications notifications;
    @Autowired
    FeatureFlags flags;
    @Autowired
    JdbcTemplate jdbc;

    TestFirm firm;
    Workflows workflows;

    @BeforeEach
    void firm() {
        firm = TestFirm.create(directory);
        workflows = new Workflows(templates, instances);
    }

    private static StepDefinition lawyer(String title, boolean required) {
        return step(title, ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, required);
    }

    private static StepDefinition checklist(String title, boolean required) {
        return step(title, ActionType.CHECKLIST, RoleScope.PARALEGAL, required);
    }

    private List<ActionState> states(UUID instanceId) {
        return instances.get(firm.as(firm.admin()), instanceId).steps().stream().map(StepDetails::actionState).toList();
    }

    private List<String> actions(UUID instanceId) {
        return audit.stream(firm.orgId(), instanceId).stream().map(AuditEvent::action).toList();
    }

    @Test
    void shouldReturnAReadyStepToPendingWhenARequiredStepMovesAheadOfIt() {
        var instance = workflows.instance(firm, lawyer("Conflict check", true), checklist("Engagement", true),
                lawyer("Passport review", true));
        UUID conflictCheck = instance.steps().get(0).id();
        UUID passport = instance.steps().get(2).id();

        var moved = instances.editStep(firm.as(firm.owner()), instance.id(), passport,
                new Instances.StepChanges(null, null, null, null, 0));

        assertThat(moved.steps()).extracting(StepDetails::id).containsExactly(passport, conflictCheck,
                instance.steps().get(1).id());
        assertThat(moved.steps()).extracting(StepDetails::actionState).containsExactly(READY, PENDING, PENDING);
        assertThat(states(instance.id())).containsExactly(READY, PENDING, PENDING);
        var withdrawn = audit.history(firm.orgId(), conflictCheck).stream()
                .filter(e -> e.action().equals("step.withdraw")).toList();
        assertThat(withdrawn).singleElement().satisfies(e -> {
            assertThat(e.fromState()).isEqualTo("READY");
            assertThat(e.toState()).isEqualTo("PENDING");
            assertThat(e.actorType()).isEqualTo("SYSTEM");
        });
    }

    @Test
    void shouldReturnLaterReadyStepsToPendingWhenAnOptionalStepBecomesRequired() {
        var instance = workflows.instance(firm, checklist("Open the file", false), lawyer("Review", false),
                lawyer("Sign off", true));
        assertThat(states(instance.id())).containsExactly(READY, READY, READY);

        instances.editStep(firm.as(firm.owner()), instance.id(), instance.steps().get(0).id(),
                new Instances.StepChanges(null, null, true, null, null));

        assertThat(states(instance.id())).containsExactly(READY, PENDING, PENDING);
    }

    @Test
    void shouldReturnAReadyStepToPendingWhenARequiredStepIsAddedBeforeIt() {
        var instance = workflows.instance(firm, lawyer("Conflict check", true));

        var edited = instances.addStep(firm.as(firm.owner()), instance.id(), new Instances.NewStep("Sanctions",
                ActionType.CHECKLIST, RoleScope.PARALEGAL, true, Map.of(), 0));

        assertThat(edited.steps()).extracting(StepDetails::title).containsExactly("Sanctions", "Conflict check");
        assertThat(states(instance.id())).containsExactly(READY, PENDING);
    }

    @Test
    void shouldReturnAReadyStepToPendingWhenTheStepsAreReordered() {
        var instance = workflows.instance(firm, checklist("Open the file", false), lawyer("Conflict check", true),
                lawyer("Engagement", true));
        var ids = instance.steps().stream().map(StepDetails::id).toList();

        instances.reorder(firm.as(firm.owner()), instance.id(), List.of(ids.get(1), ids.get(0), ids.get(2)));

        assertThat(states(instance.id())).containsExactly(READY, PENDING, PENDING);
    }

    @Test
    void shouldReturnStepsToPendingWhilePausedAndOpenThemAgainOnResume() {
        var instance = workflows.instance(firm, lawyer("Conflict check", true), lawyer("Engagement", true));
        var owner = firm.as(firm.owner());
        instances.update(owner, instance.id(), null, WorkflowStatus.PAUSED);

        instances.editStep(owner, instance.id(), instance.steps().get(1).id(),
                new Instances.StepChanges(null, null, null, null, 0));
        assertThat(states(instance.id())).containsExactly(PENDING, PENDING);

        instances.update(owner, instance.id(), null, WorkflowStatus.ACTIVE);
        assertThat(states(instance.id())).containsExactly(READY, PENDING);
    }

    @Test
    void shouldRefuseToPutAClaimedStepBehindAnUnfinishedRequiredStep() {
        var instance = workflows.instance(firm, lawyer("Conflict check", true), lawyer("Engagement", true));
        UUID claimed = instance.steps().get(0).id();
        runtime.claim(firm.as(firm.associate()), claimed);
        var before = instances.get(firm.as(firm.admin()), instance.id());
        var written = actions(instance.id());

        assertThatThrownBy(() -> instances.editStep(firm.as(firm.owner()), instance.id(),
                instance.steps().get(1).id(), new Instances.StepChanges(null, null, null, null, 0)))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.getMessage()).contains("Conflict check").contains("claimed").contains("Engagement");
                    assertThat(e.details()).containsEntry("stepId", claimed.toString())
                            .containsEntry("waitsForStepId", instance.steps().get(1).id().toString());
                });

        assertThat(instances.get(firm.as(firm.admin()), instance.id())).isEqualTo(before);
        assertThat(actions(instance.id())).isEqualTo(written);
    }

    @Test
    void shouldRefuseToPutAStartedStepBehindARequiredStepAddedOrMadeRequired() {
        var instance = workflows.instance(firm, checklist("Open the file", false), lawyer("Conflict check", false));
        UUID started = instance.steps().get(1).id();
        runtime.start(firm.as(firm.associate()), started);
        var owner = firm.as(firm.owner());
        var before = instances.get(firm.as(firm.admin()), instance.id());

        assertThatThrownBy(() -> instances.editStep(owner, instance.id(), instance.steps().get(0).id(),
                new Instances.StepChanges(null, null, true, null, null)))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.details()).containsEntry("stepId", started.toString())
                                .containsEntry("state", IN_PROGRESS.name()));
        assertThatThrownBy(() -> instances.addStep(owner, instance.id(), new Instances.NewStep("Sanctions",
                ActionType.CHECKLIST, RoleScope.PARALEGAL, true, Map.of(), 0)))
                .isInstanceOf(ConflictException.class);

        assertThat(instances.get(firm.as(firm.admin()), instance.id())).isEqualTo(before);
    }

    @Test
    void shouldLeaveARetriedStepBehindAnUnfinishedRequiredStepPending() {
        var instance = workflows.instance(firm, lawyer("Review", false), checklist("Engagement", true));
        UUID review = instance.steps().get(0).id();
        var associate = firm.as(firm.associate());
        runtime.start(associate, review);
        runtime.complete(associate, review, Map.of("approved", false, "comment", "Not yet"));
        assertThat(states(instance.id())).containsExactly(FAILED, READY);
        instances.editStep(firm.as(firm.owner()), instance.id(), instance.steps().get(1).id(),
                new Instances.StepChanges(null, null, null, null, 0));

        runtime.retry(firm.as(firm.owner()), review);

        assertThat(states(instance.id())).containsExactly(READY, PENDING);
        assertThat(audit.history(firm.orgId(), review)).extracting(AuditEvent::action)
                .endsWith("step.retry", "step.withdraw");
    }

    @Test
    void shouldWithdrawTheReadyNotificationsAndCancelTheEmailsOfAStepThatGoesBackToPending() {
        flags.set(firm.as(firm.admin()), FeatureFlags.READY_EMAIL, true);
        var instance = workflows.instance(firm, lawyer("Conflict check", true), lawyer("Engagement", true));
        UUID conflictCheck = instance.steps().get(0).id();
        var associate = firm.as(firm.associate());
        await().atMost(Duration.ofSeconds(20)).until(() -> readyNotices(associate, conflictCheck).size() == 1);
        assertThat(unreadNotices(associate, conflictCheck)).hasSize(1);
        assertThat(pendingEmails(conflictCheck)).isPositive();

        instances.editStep(firm.as(firm.owner()), instance.id(), instance.steps().get(1).id(),
                new Instances.StepChanges(null, null, null, null, 0));

        assertThat(readyNotices(associate, conflictCheck)).singleElement()
                .satisfies(n -> assertThat(n.withdrawnAt()).isNotNull());
        // no longer unread (the step now first, made READY by the edit, may already have its own notice)
        assertThat(unreadNotices(associate, conflictCheck)).isEmpty();
        assertThat(pendingEmails(conflictCheck)).as("pending READY emails of the withdrawn step: %s",
                jdbc.queryForList("select recipient_id, kind, status, source_id, created_at from email_outbox"
                        + " where step_id = ?", conflictCheck)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from email_outbox where step_id = ? and status = 'CANCELED'",
                Long.class, conflictCheck)).isPositive();
    }

    private List<Notification> readyNotices(io.matterflow.directory.Actor actor, UUID stepId) {
        return notifications.of(actor, false, PageRequest.of(0, 100)).stream()
                .filter(n -> stepId.equals(n.stepId())).toList();
    }

    private List<Notification> unreadNotices(io.matterflow.directory.Actor actor, UUID stepId) {
        return notifications.of(actor, true, PageRequest.of(0, 100)).stream()
                .filter(n -> stepId.equals(n.stepId())).toList();
    }

    private long pendingEmails(UUID stepId) {
        return jdbc.queryForObject("select count(*) from email_outbox where step_id = ? and status = 'PENDING'",
                Long.class, stepId);
    }

    @Test
    void shouldCompleteStillWhenTheLastRequiredStepIsRemoved() {
        var instance = workflows.instance(firm, lawyer("Conflict check", true), checklist("Engagement", true));
        var owner = firm.as(firm.owner());
        runtime.start(firm.as(firm.associate()), instance.steps().get(0).id());
        runtime.complete(firm.as(firm.associate()), instance.steps().get(0).id(), Map.of("approved", true));

        var edited = instances.removeStep(owner, instance.id(), instance.steps().get(1).id());

        assertThat(edited.status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(states(instance.id())).containsExactly(COMPLETED);
    }
}
