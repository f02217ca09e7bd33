package io.matterflow.instance;

import static io.matterflow.support.Workflows.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;

import io.matterflow.action.ActionState;
import io.matterflow.action.ActionType;
import io.matterflow.action.Documents;
import io.matterflow.action.IllegalTransitionException;
import io.matterflow.action.RoleScope;
import io.matterflow.audit.AuditEvent;
import io.matterflow.audit.AuditLog;
import io.matterflow.common.ConflictException;
import io.matterflow.common.ForbiddenException;
import io.matterflow.common.NotFoundException;
import io.matterflow.demo.DemoData;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Directory;
import io.matterflow.directory.UserAccount;
import io.matterflow.support.TestFirm;
import io.matterflow.support.Workflows;
import io.matterflow.template.TemplateDetails;
import io.matterflow.template.Templates;

/** The engine end to end through its services; run on H2 and on PostgreSQL by the subclasses. */
abstract class EngineScenarios {

    @Autowired
    Directory directory;
    @Autowired
    Templates templates;
    @Autowired
    Instances instances;
    @Autowired
    Workflows workflows;
    @Autowired
    StepRuntime runtime;
    @Autowired
    Documents documents;
    @Autowired
    AuditLog audit;
    @Autowired
    DemoData demo;
    @Autowired
    Inbox inbox;

    @Test
    void shouldDriveTheDemoTemplateOnTheDemoMatterToCompletion() {
        UUID org = demo.seed();
        Actor lawyer = user(DemoData.LAWYER);
        Actor client = user(DemoData.CLIENT);
        Actor paralegal = user(DemoData.PARALEGAL);
        var matter = directory.findMatterByReference(org, DemoData.MATTER_REFERENCE).orElseThrow();
        var template = templates.search(lawyer, DemoData.TEMPLATE_NAME, PageRequest.of(0, 5)).getContent().get(0);

        var instance = instances.instantiate(lawyer,
                new Instances.Instantiate(template.id(), matter.id(), "Intake for Acme", true, null));
        assertThat(instance.status()).isEqualTo(WorkflowStatus.ACTIVE);
        assertThat(instance.steps()).extracting(StepDetails::actionType).containsExactly(ActionType.APPROVAL_LAWYER,
                ActionType.SIGNATURE_CLIENT, ActionType.REQUEST_DOC_CLIENT, ActionType.PAYMENT_CLIENT,
                ActionType.CHECKLIST);
        assertThat(states(instance.id(), lawyer)).containsExactly(ActionState.READY, ActionState.PENDING,
                ActionState.PENDING, ActionState.PENDING, ActionState.PENDING);
        var steps = instance.steps();

        // 1. the owner lawyer approves the conflict check
        UUID approval = steps.get(0).id();
        assertThat(runtime.claim(lawyer, approval).assignedToId()).isEqualTo(lawyer.userId());
        var started = runtime.start(lawyer, approval);
        assertThat(started.actionState()).isEqualTo(ActionState.IN_PROGRESS);
        assertThat(started.startedAt()).isNotNull();
        var approved = runtime.complete(lawyer, approval, Map.of("approved", true, "comment", "No conflict"));
        assertThat(approved.actionState()).isEqualTo(ActionState.COMPLETED);
        assertThat(states(instance.id(), lawyer).get(1)).isEqualTo(ActionState.READY);

        // 2. the client signs the engagement letter in the mock e-sign session
        UUID signature = steps.get(1).id();
        var signing = runtime.start(client, signature);
        assertThat(signing.assignedToId()).isEqualTo(client.userId());
        assertThat(signing.actionData()).containsKeys("signatureSessionId", "signingUrl");
        runtime.complete(client, signature, Map.of("signatureSessionId", signing.actionData().get("signatureSessionId")));

        // 3. the client uploads proof of identity
        UUID document = steps.get(2).id();
        runtime.start(client, document);
        var passport = documents.store(org, document, client.userId(), "passport.pdf", "application/pdf",
                "%PDF-1.4 passport".getBytes());
        runtime.complete(client, document, Map.of("documentIds", List.of(passport.id().toString())));

        // 4. the client pays the retainer; the payment provider confirms it
        UUID payment = steps.get(3).id();
        var paying = runtime.start(client, payment);
        assertThat(paying.actionData()).containsKey("paymentIntentId");
        runtime.complete(Actor.provider(org, "mock"), payment, Map.of(
                "paymentIntentId", paying.actionData().get("paymentIntentId"), "status", "SUCCEEDED",
                "amount", new BigDecimal("1500.00"), "currency", "USD"));

        // 5. the paralegal ticks the onboarding checklist straight from READY
        UUID checklist = steps.get(4).id();
        runtime.complete(paralegal, checklist, Map.of("checked",
                List.of("Open the client file", "Add the client to billing", "Send the welcome pack")));

        var done = instances.get(lawyer, instance.id());
        assertThat(done.status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(done.completedAt()).isNotNull();
        for (StepDetails step : done.steps()) {
            assertThat(step.actionState()).as(step.title()).isEqualTo(ActionState.COMPLETED);
            assertThat(step.startedAt()).as(step.title()).isNotNull();
            assertThat(step.completedAt()).as(step.title()).isNotNull().isAfterOrEqualTo(step.startedAt());
        }

        List<AuditEvent> events = audit.stream(org, instance.id());
        assertThat(transitions(events, approval)).containsExactly(
                "step.ready PENDING->READY system", "step.claim READY->READY " + lawyer.userId(),
                "step.start READY->IN_PROGRESS " + lawyer.userId(),
                "step.complete IN_PROGRESS->COMPLETED " + lawyer.userId());
        assertThat(transitions(events, signature)).containsExactly(
                "step.ready PENDING->READY system", "step.start READY->IN_PROGRESS " + client.userId(),
                "step.complete IN_PROGRESS->COMPLETED " + client.userId());
        assertThat(transitions(events, document)).containsExactly(
                "step.ready PENDING->READY system", "step.start READY->IN_PROGRESS " + client.userId(),
                "step.complete IN_PROGRESS->COMPLETED " + client.userId());
        assertThat(transitions(events, payment)).containsExactly(
                "step.ready PENDING->READY system", "step.start READY->IN_PROGRESS " + client.userId(),
                "step.complete IN_PROGRESS->COMPLETED mock");
        assertThat(transitions(events, checklist)).containsExactly(
                "step.ready PENDING->READY system", "step.start READY->IN_PROGRESS " + paralegal.userId(),
                "step.complete IN_PROGRESS->COMPLETED " + paralegal.userId());
        // the demo's due rules: the signature has no date until the conflict check completes, then has one
        assertThat(events.stream().filter(e -> e.entityId().equals(signature) && e.action().equals("step.due"))
                .map(e -> e.metadata().get("at") != null).toList()).containsExactly(false, true);
        assertThat(events.get(0).action()).isEqualTo("instance.create");
        assertThat(events.get(events.size() - 1).action()).isEqualTo("instance.complete");
        assertThat(events).extracting(AuditEvent::seq).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, events.size()).boxed().toList());
        assertThat(audit.verify(org).valid()).isTrue();
    }

    @Test
    void shouldLetExactlyOneOfTwoConcurrentStartsWin() throws Exception {
        var firm = TestFirm.create(directory);
        var instance = workflows.instance(firm, step("Review", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true));
        UUID stepId = instance.steps().get(0).id();

        List<Actor> racers = List.of(firm.as(firm.owner()), firm.as(firm.associate()));
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<StepDetails>> results = new ArrayList<>();
            for (Actor racer : racers) {
                Callable<StepDetails> start = () -> {
                    go.await();
                    return runtime.start(racer, stepId);
                };
                results.add(pool.submit(start));
            }
            go.countDown();
            int wins = 0;
            int conflicts = 0;
            UUID winner = null;
            for (Future<StepDetails> result : results) {
                try {
                    winner = result.get(30, TimeUnit.SECONDS).assignedToId();
                    wins++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(ConflictException.class);
                    conflicts++;
                }
            }
            assertThat(wins).isEqualTo(1);
            assertThat(conflicts).isEqualTo(1);
            var step = instances.step(firm.as(firm.admin()), stepId);
            assertThat(step.actionState()).isEqualTo(ActionState.IN_PROGRESS);
            assertThat(step.assignedToId()).isEqualTo(winner);
            assertThat(audit.history(firm.orgId(), stepId)).extracting(AuditEvent::action)
                    .containsExactly("step.ready", "step.start");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldMakeEveryStepUpToTheFirstRequiredOneReady() {
        var firm = TestFirm.create(directory);
        var instance = workflows.instance(firm,
                step("Optional intro", ActionType.CHECKLIST, RoleScope.PARALEGAL, false),
                step("Conflict check", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true),
                step("Optional note", ActionType.CHECKLIST, RoleScope.PARALEGAL, false),
                step("Engagement", ActionType.CHECKLIST, RoleScope.LAWYER, true));
        assertThat(instance.steps()).extracting(StepDetails::actionState).containsExactly(
                ActionState.READY, ActionState.READY, ActionState.PENDING, ActionState.PENDING);

        Actor owner = firm.as(firm.owner());
        UUID conflict = instance.steps().get(1).id();
        runtime.start(owner, conflict);
        runtime.complete(owner, conflict, Map.of("approved", true));
        assertThat(states(instance.id(), owner)).containsExactly(
                ActionState.READY, ActionState.COMPLETED, ActionState.READY, ActionState.READY);

        runtime.complete(owner, instance.steps().get(3).id(), Map.of());
        var done = instances.get(owner, instance.id());
        assertThat(done.status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(done.steps()).extracting(StepDetails::actionState).containsExactly(
                ActionState.SKIPPED, ActionState.COMPLETED, ActionState.SKIPPED, ActionState.COMPLETED);
        var skipped = audit.history(firm.orgId(), instance.steps().get(0).id());
        assertThat(skipped.get(skipped.size() - 1).action()).isEqualTo("step.auto-skip");
        assertThat(skipped.get(skipped.size() - 1).actorType()).isEqualTo("SYSTEM");
        assertThat(skipped.get(skipped.size() - 1).metadata()).containsEntry("reason", "instance completed");
    }

    @Test
    void shouldKeepADraftInstancePendingUntilItIsActivated() {
        var firm = TestFirm.create(directory);
        TemplateDetails template = workflows.published(firm,
                step("Check", ActionType.CHECKLIST, RoleScope.PARALEGAL, true),
                step("Approve", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true));
        Actor owner = firm.as(firm.owner());
        var draft = instances.instantiate(owner,
                new Instances.Instantiate(template.id(), firm.matter().id(), null, false, null));
        assertThat(draft.status()).isEqualTo(WorkflowStatus.DRAFT);
        assertThat(draft.title()).isEqualTo(template.name());
        assertThat(draft.steps()).extracting(StepDetails::actionState).containsOnly(ActionState.PENDING);
        assertThatThrownBy(() -> runtime.complete(firm.as(firm.paralegal()), draft.steps().get(0).id(), Map.of()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("DRAFT");

        var active = instances.update(owner, draft.id(), null, WorkflowStatus.ACTIVE);
        assertThat(active.steps()).extracting(StepDetails::actionState)
                .containsExactly(ActionState.READY, ActionState.PENDING);
    }

    @Test
    void shouldRefuseStepMovesWhileThePausedInstanceWaits() {
        var firm = TestFirm.create(directory);
        var instance = workflows.instance(firm, step("Check", ActionType.CHECKLIST, RoleScope.PARALEGAL, true),
                step("Check 2", ActionType.CHECKLIST, RoleScope.PARALEGAL, true));
        Actor owner = firm.as(firm.owner());
        Actor paralegal = firm.as(firm.paralegal());
        instances.update(owner, instance.id(), null, WorkflowStatus.PAUSED);
        assertThatThrownBy(() -> runtime.claim(paralegal, instance.steps().get(0).id()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("PAUSED");
        assertThatThrownBy(() -> instances.update(owner, instance.id(), null, WorkflowStatus.DRAFT))
                .isInstanceOf(ConflictException.class);
        instances.update(owner, instance.id(), null, WorkflowStatus.ACTIVE);
        assertThat(runtime.complete(paralegal, instance.steps().get(0).id(), Map.of()).actionState())
                .isEqualTo(ActionState.COMPLETED);
        instances.update(owner, instance.id(), null, WorkflowStatus.CANCELED);
        assertThatThrownBy(() -> instances.update(owner, instance.id(), null, WorkflowStatus.ACTIVE))
                .isInstanceOf(ConflictException.class).hasMessageContaining("CANCELED");
    }

    @Test
    void shouldFailARejectedApprovalAndLetTheOwnerRetryIt() {
        var firm = TestFirm.create(directory);
        var instance = workflows.instance(firm, step("Approve", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true),
                step("After", ActionType.CHECKLIST, RoleScope.PARALEGAL, true));
        Actor associate = firm.as(firm.associate());
        UUID stepId = instance.steps().get(0).id();
        runtime.start(associate, stepId);
        var rejected = runtime.complete(associate, stepId, Map.of("approved", false, "comment", "Conflict found"));
        assertThat(rejected.actionState()).isEqualTo(ActionState.FAILED);
        assertThat(rejected.completedAt()).isNull();
        assertThat(states(instance.id(), associate)).containsExactly(ActionState.FAILED, ActionState.PENDING);

        assertThatThrownBy(() -> runtime.retry(associate, stepId)).isInstanceOf(ForbiddenException.class);
        var retried = runtime.retry(firm.as(firm.owner()), stepId);
        assertThat(retried.actionState()).isEqualTo(ActionState.READY);
        assertThat(retried.assignedToId()).isNull();
        assertThat(retried.actionData()).containsEntry("retries", 1).doesNotContainKeys("approved", "comment");
        assertThat(retried.actionData().get("previousAttempts")).asList().hasSize(1).first().asString()
                .contains("Conflict found");

        runtime.start(associate, stepId);
        var approved = runtime.complete(associate, stepId, Map.of("approved", true));
        assertThat(approved.actionState()).isEqualTo(ActionState.COMPLETED);
        assertThat(approved.actionData()).containsEntry("approved", true).doesNotContainKey("comment");
    }

    @Test
    void shouldApplyThePermissionTable() {
        var firm = TestFirm.create(directory);
        var instance = workflows.instance(firm, step("Approve", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true));
        UUID stepId = instance.steps().get(0).id();
        // a lawyer not on the matter does not see its steps: not found, as for an unknown id
        assertThatThrownBy(() -> runtime.claim(firm.as(firm.outsider()), stepId)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> runtime.claim(firm.as(firm.client()), stepId)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> runtime.claim(firm.as(firm.paralegal()), stepId)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> runtime.skip(firm.as(firm.owner()), stepId, null)).isInstanceOf(ForbiddenException.class);

        var other = TestFirm.create(directory);
        assertThatThrownBy(() -> runtime.claim(other.as(other.admin()), stepId)).isInstanceOf(NotFoundException.class);

        runtime.claim(firm.as(firm.associate()), stepId);
        assertThatThrownBy(() -> runtime.claim(firm.as(firm.owner()), stepId)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("already claimed");
        assertThatThrownBy(() -> runtime.start(firm.as(firm.owner()), stepId)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> runtime.complete(firm.as(firm.owner()), stepId, Map.of("approved", true)))
                .isInstanceOf(IllegalTransitionException.class);
        assertThat(runtime.unclaim(firm.as(firm.owner()), stepId).assignedToId()).isNull();
        assertThat(runtime.skip(firm.as(firm.admin()), stepId, "not needed").actionState())
                .isEqualTo(ActionState.SKIPPED);
        assertThat(instances.get(firm.as(firm.admin()), instance.id()).status()).isEqualTo(WorkflowStatus.COMPLETED);
    }

    @Test
    void shouldBlockAndUnblockAStepInProgress() {
        var firm = TestFirm.create(directory);
        var instance = workflows.instance(firm, step("Docs", ActionType.REQUEST_DOC_CLIENT, RoleScope.CLIENT, true,
                Map.of("requestText", "Your ID please")));
        UUID stepId = instance.steps().get(0).id();
        Actor client = firm.as(firm.client());
        runtime.start(client, stepId);
        var blocked = runtime.block(firm.as(firm.owner()), stepId, "Waiting for the court");
        assertThat(blocked.actionState()).isEqualTo(ActionState.BLOCKED);
        assertThat(blocked.actionData()).containsEntry("blockedReason", "Waiting for the court");
        assertThat(instances.advance(firm.as(firm.owner()), instance.id()).status()).isEqualTo(WorkflowStatus.ACTIVE);
        var unblocked = runtime.unblock(client, stepId);
        assertThat(unblocked.actionState()).isEqualTo(ActionState.IN_PROGRESS);
        assertThat(unblocked.actionData()).doesNotContainKey("blockedReason");
        var failed = runtime.fail(client, stepId, "Lost my passport");
        assertThat(failed.actionState()).isEqualTo(ActionState.FAILED);
        assertThat(failed.actionData()).containsEntry("failureReason", "Lost my passport");
    }

    @Test
    void shouldListEachPerformerTheStepsTheyMayActOnInTheirInbox() {
        var firm = TestFirm.create(directory);
        TemplateDetails template = workflows.published(firm,
                step("Approve", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, false),
                step("Tick", ActionType.CHECKLIST, RoleScope.PARALEGAL, false),
                step("Upload", ActionType.REQUEST_DOC_CLIENT, RoleScope.CLIENT, false,
                        Map.of("requestText", "Your ID please")),
                step("Review", ActionType.CHECKLIST, RoleScope.ADMIN, false));
        Actor owner = firm.as(firm.owner());
        var otherMatter = directory.createMatter(firm.orgId(), "M2-" + UUID.randomUUID().toString().substring(0, 8),
                "Second matter", firm.owner().id(), null);
        var first = workflows.instantiate(firm, template.id(), "First");
        var second = workflows.instantiate(owner, template.id(), otherMatter.id(), "Second");
        var paused = workflows.instantiate(firm, template.id(), "Paused");
        instances.update(owner, paused.id(), null, WorkflowStatus.PAUSED);
        UUID approveFirst = first.steps().get(0).id();
        UUID approveSecond = second.steps().get(0).id();

        // by scope: the owner on both matters, the associate (a member) on the first only; never a paused instance
        assertThat(inboxSteps(owner, false)).containsExactlyInAnyOrder(approveFirst, approveSecond);
        assertThat(inboxSteps(firm.as(firm.associate()), false)).containsExactly(approveFirst);
        assertThat(inboxSteps(firm.as(firm.outsider()), false)).isEmpty();
        assertThat(inboxSteps(firm.as(firm.paralegal()), false)).containsExactly(first.steps().get(1).id());
        assertThat(inboxSteps(firm.as(firm.client()), false)).containsExactly(first.steps().get(2).id());
        assertThat(inboxSteps(firm.as(firm.admin()), false))
                .containsExactlyInAnyOrder(first.steps().get(3).id(), second.steps().get(3).id());
        assertThat(inboxSteps(firm.as(TestFirm.create(directory).owner()), false)).isEmpty();

        // a claimed step is its assignee's only; counted and paged
        runtime.claim(firm.as(firm.associate()), approveFirst);
        assertThat(inboxSteps(owner, false)).containsExactly(approveSecond);
        assertThat(inboxSteps(firm.as(firm.associate()), true)).containsExactly(approveFirst);
        assertThat(inboxSteps(owner, true)).isEmpty();
        runtime.claim(owner, approveSecond);
        runtime.start(firm.as(firm.paralegal()), first.steps().get(1).id());
        var page = inbox.of(owner, false, null, PageRequest.of(0, 1));
        assertThat(page.getTotalElements()).isEqualTo(1);
        var admin = inbox.of(firm.as(firm.admin()), false, null, PageRequest.of(1, 1));
        assertThat(admin.getTotalElements()).isEqualTo(2);
        assertThat(admin.getContent()).hasSize(1);
        assertThat(inbox.of(firm.as(firm.paralegal()), false, java.util.Set.of(ActionState.READY),
                PageRequest.of(0, 20)).getTotalElements()).isZero();

        // an assigned step of an instance that is no longer ACTIVE leaves the inbox
        instances.update(owner, second.id(), null, WorkflowStatus.PAUSED);
        assertThat(inboxSteps(owner, false)).isEmpty();
        assertThat(inboxSteps(owner, true)).isEmpty();
    }

    private List<UUID> inboxSteps(Actor actor, boolean onlyAssigned) {
        return inbox.of(actor, onlyAssigned, null, PageRequest.of(0, 20)).getContent().stream()
                .map(item -> item.step().id()).toList();
    }

    private List<ActionState> states(UUID instanceId, Actor reader) {
        return instances.get(reader, instanceId).steps().stream().map(StepDetails::actionState).toList();
    }

    private Actor user(String email) {
        UserAccount account = directory.findUserByEmail(email).orElseThrow();
        return Actor.user(account);
    }

    /** The step's transitions, in order (its due dates, not transitions, are left out). */
    private static List<String> transitions(List<AuditEvent> events, UUID stepId) {
        return events.stream().filter(e -> e.entityId().equals(stepId) && !e.action().equals("step.due"))
                .map(e -> e.action() + " " + e.fromState() + "->" + e.toState() + " " + e.actorId()).toList();
    }
}
