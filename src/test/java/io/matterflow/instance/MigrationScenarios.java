package io.matterflow.instance;

import static io.matterflow.action.ActionState.COMPLETED;
import static io.matterflow.action.ActionState.IN_PROGRESS;
import static io.matterflow.action.ActionState.PENDING;
import static io.matterflow.action.ActionState.READY;
import static io.matterflow.support.Workflows.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.github.kagkarlsson.scheduler.task.Task;

import io.matterflow.action.ActionState;
import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.audit.AuditEvent;
import io.matterflow.audit.AuditLog;
import io.matterflow.common.FieldError;
import io.matterflow.common.ForbiddenException;
import io.matterflow.common.NotFoundException;
import io.matterflow.common.ValidationException;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Directory;
import io.matterflow.support.SchedulerNodes;
import io.matterflow.support.TestFirm;
import io.matterflow.support.Workflows;
import io.matterflow.template.StepDefinition;
import io.matterflow.template.TemplateChanges;
import io.matterflow.template.TemplateDetails;
import io.matterflow.template.Templates;

/**
 * Migrating running instances to another template version, against the whole application: plans that change
 * nothing, the steps as planned with readiness settled and audited, blockers that leave an instance alone, and a
 * migration stopped half way that its task finishes, every instance migrated once and none half.
 */
abstract class MigrationScenarios {

    @Autowired
    Directory directory;
    @Autowired
    Templates templates;
    @Autowired
    Instances instances;
    @Autowired
    StepRuntime runtime;
    @Autowired
    Migrations migrations;
    @Autowired
    AuditLog audit;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    List<Task<?>> tasks;

    TestFirm firm;
    Workflows workflows;
    Actor admin;
    Actor owner;

    @BeforeEach
    void firm() {
        firm = TestFirm.create(directory);
        workflows = new Workflows(templates, instances);
        admin = firm.as(firm.admin());
        owner = firm.as(firm.owner());
    }

    @AfterEach
    void noHook() {
        migrations.beforeCommit = id -> {
        };
    }

    static StepDefinition lawyer(String title, boolean required) {
        return step(title, ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, required);
    }

    static StepDefinition check(String title, boolean required) {
        return step(title, ActionType.CHECKLIST, RoleScope.PARALEGAL, required,
                Map.of("items", List.of("Do it")));
    }

    /** Publishes the template's next version with these steps. */
    void publish(TemplateDetails template, StepDefinition... steps) {
        templates.update(owner, template.id(), new TemplateChanges(null, null, null, List.of(steps)));
        templates.publish(owner, template.id());
    }

    Map<String, Object> snapshot(UUID instanceId) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("instance", jdbc.queryForList("select template_version, status, version from workflow_instances"
                + " where id = ?", instanceId));
        out.put("steps", jdbc.queryForList("select id, template_step_id, step_order, title, action_type, action_state,"
                + " required, version from workflow_instance_steps where instance_id = ? order by step_order",
                instanceId));
        out.put("audit", audit.stream(firm.orgId(), instanceId).size());
        return out;
    }

    List<String> states(UUID instanceId) {
        List<String> out = new ArrayList<>();
        for (var s : instances.get(admin, instanceId).steps()) {
            out.add(s.title() + " " + s.actionState());
        }
        return out;
    }

    long migrateEvents(UUID instanceId) {
        return audit.stream(firm.orgId(), instanceId).stream().filter(e -> e.action().equals("instance.migrate"))
                .count();
    }

    @Test
    void shouldPlanWithoutChangingAnything() {
        TemplateDetails template = workflows.published(firm, lawyer("Intake", true), lawyer("Review", true));
        var instance = workflows.instantiate(firm, template.id(), null);
        publish(template, lawyer("Intake", true), check("Conflict check", true), lawyer("Review", true));
        var before = snapshot(instance.id());
        long migrationsBefore = jdbc.queryForObject("select count(*) from template_migrations", Long.class);

        var report = migrations.migrate(admin, template.id(), new Migrations.Request(1, 2, null, true));

        assertThat(report.status()).isEqualTo("DRY_RUN");
        assertThat(report.id()).isNull();
        assertThat(report.items()).singleElement().satisfies(item -> {
            assertThat(item.instanceId()).isEqualTo(instance.id());
            assertThat(item.status()).isEqualTo("PLANNED");
            assertThat(item.matterTitle()).isEqualTo(firm.matter().title());
            assertThat(item.plan().steps()).extracting(s -> s.change() + " " + s.title() + " " + s.newState())
                    .containsExactly("KEPT Intake READY", "ADDED Conflict check PENDING", "KEPT Review PENDING");
        });
        assertThat(snapshot(instance.id())).isEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from template_migrations", Long.class))
                .isEqualTo(migrationsBefore);
    }

    @Test
    void shouldKeepAddRemoveAndKeepFinishedStepsWithReadinessSettledAndAudited() {
        TemplateDetails template = workflows.published(firm, lawyer("Intake", true), check("Old check", false),
                lawyer("Dropped", false), lawyer("Review", true));
        var instance = workflows.instantiate(firm, template.id(), null);
        UUID intake = instance.steps().get(0).id();
        runtime.start(owner, intake);
        runtime.complete(owner, intake, Map.of("approved", true));
        UUID oldCheck = instance.steps().get(1).id();
        runtime.skip(admin, oldCheck, "not needed");
        instances.addStep(owner, instance.id(), new Instances.NewStep("By hand", ActionType.CHECKLIST,
                RoleScope.PARALEGAL, false, Map.of("items", List.of("x")), 2));
        publish(template, lawyer("Intake", true), lawyer("Conflict check", true), lawyer("Review", false));

        var report = migrations.migrate(admin, template.id(), new Migrations.Request(1, 2, null, false));

        assertThat(report.status()).isEqualTo("DONE");
        assertThat(report.items()).singleElement().satisfies(item -> assertThat(item.status()).isEqualTo("MIGRATED"));
        var after = instances.get(admin, instance.id());
        assertThat(after.templateVersion()).isEqualTo(2);
        assertThat(states(instance.id())).containsExactly("Intake COMPLETED", "Old check SKIPPED", "By hand READY",
                "Conflict check READY", "Review PENDING");
        assertThat(after.steps()).extracting(StepDetails::order).containsExactly(0, 1, 2, 3, 4);
        var v2 = templates.versions(admin, template.id()).stream().filter(v -> v.version() == 2).findFirst()
                .orElseThrow();
        assertThat(after.steps().get(0).templateStepId()).isEqualTo(v2.steps().get(0).id());
        assertThat(after.steps().get(4).required()).isFalse();
        List<AuditEvent> events = audit.stream(firm.orgId(), instance.id());
        assertThat(events).filteredOn(e -> e.action().equals("instance.migrate")).singleElement().satisfies(e -> {
            assertThat(e.fromState()).isEqualTo("1");
            assertThat(e.toState()).isEqualTo("2");
            assertThat(e.metadata()).containsEntry("removed", List.of("Dropped"))
                    .containsEntry("added", List.of("Conflict check"));
        });
        assertThat(events).filteredOn(e -> e.action().equals("step.ready")).extracting(AuditEvent::entityId)
                .contains(after.steps().get(3).id());
        assertThat(audit.stream(firm.orgId(), template.id())).extracting(AuditEvent::action)
                .contains("template.migration");
        assertThat(migrations.get(admin, template.id(), report.id())).isEqualTo(report);
    }

    @Test
    void shouldLeaveABlockedInstanceAsItIs() {
        TemplateDetails template = workflows.published(firm, lawyer("Intake", false), lawyer("Dropped", false));
        var blocked = workflows.instantiate(firm, template.id(), "Blocked");
        var fine = workflows.instantiate(firm, template.id(), "Fine");
        runtime.start(owner, blocked.steps().get(1).id());
        publish(template, lawyer("Intake", true));
        var before = snapshot(blocked.id());

        var dry = migrations.migrate(admin, template.id(), new Migrations.Request(1, 2, null, true));
        assertThat(dry.items()).extracting(MigrationReport.Item::status).containsExactly("BLOCKED", "PLANNED");
        assertThat(dry.items().get(0).plan().blockers()).singleElement().satisfies(b -> {
            assertThat(b.kind()).isEqualTo(MigrationPlan.BlockerKind.REMOVED_STEP_HELD);
            assertThat(b.stepTitle()).isEqualTo("Dropped");
        });

        var report = migrations.migrate(admin, template.id(), new Migrations.Request(1, 2, null, false));
        assertThat(report.items()).extracting(MigrationReport.Item::status).containsExactly("BLOCKED", "MIGRATED");
        assertThat(snapshot(blocked.id())).isEqualTo(before);
        assertThat(instances.get(admin, fine.id()).templateVersion()).isEqualTo(2);
    }

    @Test
    void shouldReplaceAStepOfAnotherTypeUnlessItHasStarted() {
        TemplateDetails template = workflows.published(firm, lawyer("Review", true));
        var started = workflows.instantiate(firm, template.id(), "Started");
        var unstarted = workflows.instantiate(firm, template.id(), "Unstarted");
        runtime.start(owner, started.steps().get(0).id());
        // a rewritten draft keeps no template step ids: the version is matched by title and type, so a step of
        // another type is a new step, and the old one goes (unless someone holds it)
        publish(template, check("Review", true));

        var report = migrations.migrate(admin, template.id(), new Migrations.Request(1, 2, null, false));
        assertThat(report.items()).extracting(MigrationReport.Item::status).containsExactly("BLOCKED", "MIGRATED");
        assertThat(report.items().get(0).plan().blockers()).extracting(MigrationPlan.Blocker::kind)
                .containsExactly(MigrationPlan.BlockerKind.REMOVED_STEP_HELD);
        assertThat(instances.get(admin, unstarted.id()).steps()).singleElement().satisfies(s -> {
            assertThat(s.actionType()).isEqualTo(ActionType.CHECKLIST);
            assertThat(s.actionState()).isEqualTo(READY);
        });
    }

    @Test
    void shouldBlockANewRequiredStepBeforeWorkInProgress() {
        TemplateDetails template = workflows.published(firm, lawyer("Review", true));
        var instance = workflows.instantiate(firm, template.id(), null);
        runtime.start(owner, instance.steps().get(0).id());
        publish(template, lawyer("Conflict check", true), lawyer("Review", true));

        var report = migrations.migrate(admin, template.id(), new Migrations.Request(1, 2, null, false));
        assertThat(report.items()).singleElement().satisfies(item -> {
            assertThat(item.status()).isEqualTo("BLOCKED");
            assertThat(item.plan().blockers()).extracting(MigrationPlan.Blocker::kind)
                    .containsExactly(MigrationPlan.BlockerKind.READINESS_CONFLICT);
        });
        assertThat(instances.get(admin, instance.id()).templateVersion()).isEqualTo(1);
    }

    @Test
    void shouldReportInstancesAskedForThatAreNotCandidates() {
        TemplateDetails template = workflows.published(firm, lawyer("Intake", true));
        var canceled = workflows.instantiate(firm, template.id(), null);
        instances.update(owner, canceled.id(), null, WorkflowStatus.CANCELED);
        var running = workflows.instantiate(firm, template.id(), null);
        publish(template, lawyer("Intake", true), lawyer("More", true));
        UUID unknown = UUID.randomUUID();

        var report = migrations.migrate(admin, template.id(),
                new Migrations.Request(1, 2, List.of(running.id(), canceled.id(), unknown), false));
        assertThat(report.items()).extracting(MigrationReport.Item::instanceId).containsExactly(running.id());
        assertThat(report.notCandidates()).extracting(MigrationReport.NotCandidate::instanceId)
                .containsExactly(canceled.id(), unknown);
        assertThat(migrations.get(admin, template.id(), report.id()).notCandidates()).hasSize(2);
    }

    @Test
    void shouldRefuseNonAdminsOtherFirmsAndBadVersions() {
        TemplateDetails template = workflows.published(firm, lawyer("Intake", true));
        publish(template, lawyer("Intake", true), lawyer("More", true));
        assertThatThrownBy(() -> migrations.migrate(owner, template.id(), new Migrations.Request(1, 2, null, true)))
                .isInstanceOf(ForbiddenException.class);
        var other = TestFirm.create(directory);
        assertThatThrownBy(() -> migrations.migrate(other.as(other.admin()), template.id(),
                new Migrations.Request(1, 2, null, true))).isInstanceOf(NotFoundException.class);
        var done = migrations.migrate(admin, template.id(), new Migrations.Request(1, 2, null, false));
        assertThatThrownBy(() -> migrations.get(other.as(other.admin()), template.id(), done.id()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> migrations.get(owner, template.id(), done.id()))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> migrations.migrate(admin, template.id(), new Migrations.Request(1, 7, null, true)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("toVersion"));
        assertThatThrownBy(() -> migrations.migrate(admin, template.id(), new Migrations.Request(2, 2, List.of(),
                null))).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                .extracting(FieldError::field).containsExactly("toVersion", "instanceIds", "dryRun"));
    }

    /** What a node dying inside an instance's transaction looks like to the runner: nothing it may catch. */
    static final class NodeDied extends Error {
        NodeDied() {
            super("the node stopped");
        }
    }

    @Test
    void shouldFinishAMigrationStoppedHalfWayWithEveryInstanceMigratedOnceAndNoneHalf() {
        TemplateDetails template = workflows.published(firm, lawyer("Intake", true), lawyer("Dropped", false));
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(workflows.instantiate(firm, template.id(), "Run " + i).id());
        }
        publish(template, lawyer("Intake", true), lawyer("Added", true));
        Map<String, Object> thirdBefore = snapshot(ids.get(2));
        UUID migrationId = crashOnThe(3, template, ids.get(2));

        assertThat(jdbc.queryForList("select status from template_migration_items where migration_id = ?"
                + " order by position", String.class, migrationId))
                .containsExactly("MIGRATED", "MIGRATED", "PENDING", "PENDING");
        assertThat(snapshot(ids.get(2))).as("the instance in flight is untouched").isEqualTo(thirdBefore);
        assertThat(jdbc.queryForObject("select count(*) from scheduled_tasks where task_name = ? and task_instance = ?",
                Long.class, MigrationTask.TASK.getTaskName(), migrationId.toString())).isEqualTo(1L);

        // the safety net: the migration's task, due a minute later, on another node
        Clock later = Clock.offset(Clock.systemUTC(), Migrations.SAFETY_NET.plus(Duration.ofMinutes(1)));
        SchedulerNodes.node(dataSource, tasks, later).runAnyDueExecutions();

        var report = migrations.get(admin, template.id(), migrationId);
        assertThat(report.status()).isEqualTo("DONE");
        assertThat(report.items()).extracting(MigrationReport.Item::status).containsOnly("MIGRATED");
        for (UUID id : ids) {
            assertThat(migrateEvents(id)).as("instance %s migrated once", id).isEqualTo(1);
            assertThat(states(id)).containsExactly("Intake READY", "Added PENDING");
            assertThat(instances.get(admin, id).templateVersion()).isEqualTo(2);
        }
        // a second run of the task (another node, a retry) finds nothing to do
        migrations.resume(migrationId);
        for (UUID id : ids) {
            assertThat(migrateEvents(id)).isEqualTo(1);
        }
    }

    /**
     * Starts a migration of the template's instances from 1 to 2 on a node that stops inside the transaction of the
     * {@code k}-th instance ({@code instanceId}); answers the migration's id.
     */
    UUID crashOnThe(int k, TemplateDetails template, UUID instanceId) {
        migrations.beforeCommit = id -> {
            if (id.equals(instanceId)) {
                throw new NodeDied();
            }
        };
        assertThatThrownBy(() -> migrations.migrate(admin, template.id(), new Migrations.Request(1, 2, null, false)))
                .isInstanceOf(NodeDied.class);
        migrations.beforeCommit = id -> {
        };
        return jdbc.queryForObject("select id from template_migrations where template_id = ?", UUID.class,
                template.id());
    }

    @Test
    void shouldMigrateSafelyWhileTheInstanceIsEdited() throws Exception {
        TemplateDetails template = workflows.published(firm, lawyer("Intake", true), lawyer("Review", true));
        var instance = workflows.instantiate(firm, template.id(), null);
        publish(template, lawyer("Intake", true), lawyer("Conflict check", true), lawyer("Review", true));
        List<CompletableFuture<?>> edits = new ArrayList<>();
        migrations.beforeCommit = id -> {
            // an edit of the instance arrives while its migration holds it: it waits, then sees the migrated steps
            edits.add(CompletableFuture.runAsync(() -> instances.addStep(owner, instance.id(),
                    new Instances.NewStep("Extra", ActionType.CHECKLIST, RoleScope.PARALEGAL, false,
                            Map.of("items", List.of("x")), null))));
            try {
                edits.get(0).get(300, TimeUnit.MILLISECONDS);
            } catch (Exception stillWaiting) {
                // expected: the instance's row is held until this transaction commits
            }
        };

        var report = migrations.migrate(admin, template.id(), new Migrations.Request(1, 2, null, false));
        assertThat(report.items()).singleElement().satisfies(i -> assertThat(i.status()).isEqualTo("MIGRATED"));
        try {
            edits.get(0).get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException refused) {
            // an edit that lost the race is refused whole (a concurrent change of the instance or of its audit
            // stream), never applied half
            assertThat(refused.getCause()).isInstanceOfAny(
                    org.springframework.dao.ConcurrencyFailureException.class,
                    org.springframework.dao.DataIntegrityViolationException.class,
                    io.matterflow.common.ConflictException.class);
        }
        var after = instances.get(admin, instance.id());
        assertThat(after.templateVersion()).isEqualTo(2);
        assertThat(after.steps()).extracting(StepDetails::order)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, after.steps().size()).boxed().toList());
        assertThat(after.steps()).extracting(StepDetails::title).startsWith("Intake", "Conflict check", "Review");
        assertThat(migrateEvents(instance.id())).isEqualTo(1);
        assertThat(after.steps()).extracting(StepDetails::actionState)
                .startsWith(ActionState.READY, PENDING, PENDING);
    }
}
