package io.matterflow.instance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.kagkarlsson.scheduler.SchedulerClient;

import io.matterflow.action.ActionRegistry;
import io.matterflow.action.ActionState;
import io.matterflow.action.DocumentLookup;
import io.matterflow.audit.AuditLog;
import io.matterflow.audit.AuditRecord;
import io.matterflow.common.FieldError;
import io.matterflow.common.ForbiddenException;
import io.matterflow.common.Json;
import io.matterflow.common.NotFoundException;
import io.matterflow.common.ValidationException;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Directory;
import io.matterflow.directory.Role;
import io.matterflow.instance.MigrationPlan.Blocker;
import io.matterflow.instance.MigrationPlan.BlockerKind;
import io.matterflow.instance.MigrationPlan.Change;
import io.matterflow.instance.MigrationPlan.PlannedStep;
import io.matterflow.instance.internal.InstanceEntity;
import io.matterflow.instance.internal.InstanceRepository;
import io.matterflow.instance.internal.InstanceStepEntity;
import io.matterflow.instance.internal.InstanceStepRepository;
import io.matterflow.instance.internal.TemplateMigrationEntity;
import io.matterflow.instance.internal.TemplateMigrationItemEntity;
import io.matterflow.instance.internal.TemplateMigrationRepository;
import io.matterflow.template.PublishedTemplate;
import io.matterflow.template.TemplateStep;
import io.matterflow.template.Templates;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;

/**
 * Migrating a template's running instances (DRAFT, ACTIVE, PAUSED) from one published version to another. Admins
 * only: it changes the work on every matter the template runs on. A dry run plans each instance
 * ({@link MigrationPlan}) and changes nothing. A migration is stored with one PENDING item per instance and a
 * {@link MigrationTask} a minute ahead, in one transaction; the request then migrates the items one by one, each in a
 * transaction of its own that locks the item and the instance, re-plans against the instance as it is then and
 * migrates it (or marks it BLOCKED) together with the item. A crash loses at most the item in flight (rolled back
 * whole); the task, on whichever node, finishes what is left. An item once off PENDING is never run again.
 */
@Service
public class Migrations {

    static final Set<WorkflowStatus> MIGRATABLE = EnumSet.of(WorkflowStatus.DRAFT, WorkflowStatus.ACTIVE,
            WorkflowStatus.PAUSED);
    /** How long after its request the task looks for items left behind. */
    static final Duration SAFETY_NET = Duration.ofMinutes(1);
    static final int MAX_INSTANCE_IDS = 1000;
    private static final int ATTEMPTS = 3;

    private final Templates templates;
    private final InstanceRepository instances;
    private final InstanceStepRepository steps;
    private final TemplateMigrationRepository migrations;
    private final EntityManager entityManager;
    private final InstanceProgress progress;
    private final DueDates dueDates;
    private final AuditLog audit;
    private final ActionRegistry registry;
    private final DocumentLookup documents;
    private final Directory directory;
    private final SchedulerClient scheduler;
    private final TransactionTemplate transactions;
    private final TransactionTemplate reads;
    private final Clock clock;

    /** Runs inside each instance's transaction just before it commits; tests stop a runner there (a crash). */
    volatile Consumer<UUID> beforeCommit = instanceId -> {
    };

    private final StepConditions conditions;

    Migrations(Templates templates, InstanceRepository instances, InstanceStepRepository steps,
               TemplateMigrationRepository migrations, EntityManager entityManager, InstanceProgress progress,
               DueDates dueDates, AuditLog audit, ActionRegistry registry, DocumentLookup documents,
               Directory directory, SchedulerClient scheduler, PlatformTransactionManager transactionManager,
               Clock clock, StepConditions conditions) {
        this.conditions = conditions;
        this.templates = templates;
        this.instances = instances;
        this.steps = steps;
        this.migrations = migrations;
        this.entityManager = entityManager;
        this.progress = progress;
        this.dueDates = dueDates;
        this.audit = audit;
        this.registry = registry;
        this.documents = documents;
        this.directory = directory;
        this.scheduler = scheduler;
        this.transactions = new TransactionTemplate(transactionManager);
        this.reads = new TransactionTemplate(transactionManager);
        this.reads.setReadOnly(true);
        this.clock = clock;
    }

    /** What to migrate: {@code instanceIds} null for every candidate. */
    public record Request(Integer fromVersion, Integer toVersion, List<UUID> instanceIds, Boolean dryRun) {
    }

    /**
     * Plans (dry run) or runs a migration: 403 unless an admin, 404 for another firm's template, 400 naming the field
     * for an unknown version, equal versions or an empty or oversized {@code instanceIds}.
     */
    public MigrationReport migrate(Actor actor, UUID templateId, Request request) {
        requireAdmin(actor);
        var versions = reads.execute(tx -> templates.versions(actor, templateId));
        List<FieldError> errors = new ArrayList<>();
        PublishedTemplate from = version(versions, request.fromVersion(), "fromVersion", errors);
        PublishedTemplate to = version(versions, request.toVersion(), "toVersion", errors);
        if (request.fromVersion() != null && request.fromVersion().equals(request.toVersion())) {
            errors.add(new FieldError("toVersion", "must differ from fromVersion"));
        }
        if (request.instanceIds() != null && (request.instanceIds().isEmpty()
                || request.instanceIds().size() > MAX_INSTANCE_IDS)) {
            errors.add(new FieldError("instanceIds", "when given, must name 1 to " + MAX_INSTANCE_IDS + " instances"));
        } else if (request.instanceIds() != null && request.instanceIds().stream().anyMatch(java.util.Objects::isNull)) {
            errors.add(new FieldError("instanceIds", "must not contain null"));
        }
        if (request.dryRun() == null) {
            errors.add(new FieldError("dryRun", "must be true (plan only) or false (migrate)"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("Invalid migration", errors);
        }
        if (request.dryRun()) {
            return reads.execute(tx -> dryRun(actor, templateId, from, to, request.instanceIds()));
        }
        UUID migrationId = transactions.execute(tx -> start(actor, templateId, from, to, request.instanceIds()));
        run(migrationId, actor, to);
        return report(actor, templateId, migrationId);
    }

    /** The migration's report as it stands: 403 unless an admin, 404 unless it is of this firm's template. */
    public MigrationReport get(Actor actor, UUID templateId, UUID migrationId) {
        requireAdmin(actor);
        reads.execute(tx -> templates.get(actor, templateId));
        return report(actor, templateId, migrationId);
    }

    /** The task's work: migrates what is still PENDING and marks the migration DONE; nothing once it is DONE. */
    void resume(UUID migrationId) {
        var migration = reads.execute(tx -> migrations.findById(migrationId).orElse(null));
        if (migration == null || TemplateMigrationEntity.DONE.equals(migration.status())) {
            return;
        }
        String name = directory.findUser(migration.requestedById()).map(u -> u.displayName()).orElse("admin");
        Actor requester = Actor.user(migration.requestedById(), migration.orgId(), Role.ADMIN, name);
        PublishedTemplate to = reads.execute(tx -> templates.versions(requester, migration.templateId()).stream()
                .filter(v -> v.version() == migration.toVersion()).findFirst().orElseThrow());
        run(migrationId, requester, to);
    }

    // --- planning

    private MigrationReport dryRun(Actor actor, UUID templateId, PublishedTemplate from, PublishedTemplate to,
                                   List<UUID> instanceIds) {
        var candidates = candidates(actor, templateId, from.version(), instanceIds);
        List<MigrationReport.Item> items = new ArrayList<>();
        for (InstanceEntity instance : candidates.instances()) {
            MigrationPlan plan = plan(instance, steps.findSteps(instance.id()), to);
            var matter = directory.matter(instance.orgId(), instance.matterId());
            items.add(new MigrationReport.Item(instance.id(), instance.title(), matter.id(), matter.title(),
                    plan.isBlocked() ? TemplateMigrationItemEntity.BLOCKED : "PLANNED", null, plan, null));
        }
        return new MigrationReport(null, templateId, from.version(), to.version(), "DRY_RUN", actor.userId(),
                clock.instant(), null, items, candidates.notCandidates());
    }

    private record Candidates(List<InstanceEntity> instances, List<MigrationReport.NotCandidate> notCandidates) {
    }

    private Candidates candidates(Actor actor, UUID templateId, int fromVersion, List<UUID> instanceIds) {
        List<InstanceEntity> all = migrations.findCandidates(actor.orgId(), templateId, fromVersion, MIGRATABLE);
        if (instanceIds == null) {
            return new Candidates(all, List.of());
        }
        Map<UUID, InstanceEntity> byId = all.stream()
                .collect(Collectors.toMap(InstanceEntity::id, Function.identity()));
        Set<UUID> wanted = new LinkedHashSet<>(instanceIds);
        List<MigrationReport.NotCandidate> not = new ArrayList<>();
        for (UUID id : wanted) {
            if (!byId.containsKey(id)) {
                not.add(new MigrationReport.NotCandidate(id, whyNot(actor, templateId, fromVersion, id)));
            }
        }
        return new Candidates(all.stream().filter(i -> wanted.contains(i.id())).toList(), not);
    }

    private String whyNot(Actor actor, UUID templateId, int fromVersion, UUID instanceId) {
        var instance = instances.findByIdAndOrgId(instanceId, actor.orgId()).orElse(null);
        if (instance == null) {
            return "no such instance";
        }
        if (!instance.templateId().equals(templateId)) {
            return "an instance of another template";
        }
        if (instance.templateVersion() != fromVersion) {
            return "at version " + instance.templateVersion() + ", not " + fromVersion;
        }
        return "the instance is " + instance.status() + "; only DRAFT, ACTIVE or PAUSED instances are migrated";
    }

    /** The plan for the instance as it is, with the blockers only the database can tell (documents). */
    private MigrationPlan plan(InstanceEntity instance, List<InstanceStepEntity> current, PublishedTemplate to) {
        var plan = MigrationPlan.of(instance.status(), current.stream()
                .map(s -> new MigrationPlan.Current(s.id(), s.templateStepId(), s.title(), s.actionType(),
                        s.roleScope(), s.required(), s.state(), s.assignedToId() != null, s.actionData()))
                .toList(), to.steps(), UUID::randomUUID, conditions.judging(instance));
        List<Blocker> more = new ArrayList<>();
        for (PlannedStep step : plan.steps()) {
            if (step.versionPosition() == null) {
                continue;
            }
            TemplateStep definition = to.steps().get(step.versionPosition());
            List<FieldError> errors = new ArrayList<>();
            Templates.checkDocumentsToSign("", definition.actionType(), definition.actionConfig(), registry,
                    instance.orgId(), documents, d -> instance.id().equals(d.instanceId())
                            || instance.templateId().equals(d.templateId()), "", errors);
            errors.forEach(e -> more.add(new Blocker(BlockerKind.DOCUMENT_NOT_USABLE, step.stepId(), step.title(),
                    "\u201c" + step.title() + "\u201d names in " + e.field() + " a document this instance cannot"
                            + " use (it is no longer stored, or is quarantined)")));
        }
        return plan.withBlockers(more);
    }

    // --- running

    private UUID start(Actor actor, UUID templateId, PublishedTemplate from, PublishedTemplate to,
                       List<UUID> instanceIds) {
        var candidates = candidates(actor, templateId, from.version(), instanceIds);
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        List<Map<String, Object>> notCandidates = candidates.notCandidates().stream()
                .map(n -> Map.<String, Object>of("instanceId", n.instanceId().toString(), "reason", n.reason()))
                .toList();
        migrations.save(new TemplateMigrationEntity(id, actor.orgId(), templateId, from.version(), to.version(),
                actor.userId(), notCandidates, now));
        int position = 0;
        for (InstanceEntity instance : candidates.instances()) {
            var matter = directory.matter(instance.orgId(), instance.matterId());
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("instanceTitle", instance.title());
            detail.put("matterId", matter.id().toString());
            detail.put("matterTitle", matter.title());
            entityManager.persist(new TemplateMigrationItemEntity(id, instance.id(), position++, detail));
        }
        audit.append(new AuditRecord(actor.orgId(), templateId, actor, "template.migration", "TEMPLATE", templateId,
                null, TemplateMigrationEntity.RUNNING, Map.of("migrationId", id.toString(),
                        "fromVersion", from.version(), "toVersion", to.version(),
                        "instances", candidates.instances().size())));
        scheduler.scheduleIfNotExists(MigrationTask.TASK.instance(id.toString()).data(new MigrationTask(id))
                .scheduledTo(now.plus(SAFETY_NET)));
        return id;
    }

    private void run(UUID migrationId, Actor actor, PublishedTemplate to) {
        List<UUID> pending = reads.execute(tx -> migrations.findItems(migrationId).stream()
                .filter(i -> TemplateMigrationItemEntity.PENDING.equals(i.status()))
                .map(TemplateMigrationItemEntity::instanceId).toList());
        for (UUID instanceId : pending) {
            for (int attempt = 1; ; attempt++) {
                try {
                    transactions.executeWithoutResult(tx -> migrateItem(migrationId, instanceId, actor, to));
                    break;
                } catch (ConcurrencyFailureException | OptimisticLockException | PessimisticLockException e) {
                    // a change of the instance raced this one: plan again against what it did (after the last
                    // attempt the item stays PENDING for the task to try later)
                    if (attempt == ATTEMPTS) {
                        throw e;
                    }
                } catch (RuntimeException e) {
                    // refused by a rule the plan does not know: the instance stays as it was, the others go on
                    transactions.executeWithoutResult(tx -> refused(migrationId, instanceId, e));
                    break;
                }
            }
        }
        transactions.executeWithoutResult(tx -> {
            var migration = migrations.lock(migrationId).orElseThrow();
            boolean left = migrations.findItems(migrationId).stream()
                    .anyMatch(i -> TemplateMigrationItemEntity.PENDING.equals(i.status()));
            if (!left && TemplateMigrationEntity.RUNNING.equals(migration.status())) {
                migration.done(clock.instant());
                audit.append(new AuditRecord(migration.orgId(), migration.templateId(), actor, "template.migration",
                        "TEMPLATE", migration.templateId(), TemplateMigrationEntity.RUNNING,
                        TemplateMigrationEntity.DONE, Map.of("migrationId", migrationId.toString())));
            }
        });
    }

    private void refused(UUID migrationId, UUID instanceId, RuntimeException e) {
        var item = migrations.lockItem(migrationId, instanceId).orElseThrow();
        if (TemplateMigrationItemEntity.PENDING.equals(item.status())) {
            Map<String, Object> detail = new LinkedHashMap<>(item.detail());
            detail.put("reason", "could not be migrated: " + e.getMessage());
            item.finish(TemplateMigrationItemEntity.BLOCKED, detail, clock.instant());
        }
    }

    private void migrateItem(UUID migrationId, UUID instanceId, Actor actor, PublishedTemplate to) {
        var item = migrations.lockItem(migrationId, instanceId).orElseThrow();
        if (!TemplateMigrationItemEntity.PENDING.equals(item.status())) {
            return; // another runner got there first
        }
        var migration = migrations.findById(migrationId).orElseThrow();
        Instant now = clock.instant();
        Map<String, Object> detail = new LinkedHashMap<>(item.detail());
        InstanceEntity instance = migrations.lockInstance(instanceId).orElseThrow();
        if (!MIGRATABLE.contains(instance.status()) || instance.templateVersion() != migration.fromVersion()) {
            detail.put("reason", !MIGRATABLE.contains(instance.status())
                    ? "the instance is " + instance.status() + " now"
                    : "the instance is at version " + instance.templateVersion() + " now");
            item.finish(TemplateMigrationItemEntity.SKIPPED, detail, now);
            return;
        }
        List<InstanceStepEntity> current = steps.findSteps(instanceId);
        MigrationPlan plan = plan(instance, current, to);
        detail.put("plan", Json.MAPPER.convertValue(plan, Map.class));
        if (plan.isBlocked()) {
            item.finish(TemplateMigrationItemEntity.BLOCKED, detail, now);
            return;
        }
        apply(instance, current, plan, migration, to, actor, now);
        item.finish(TemplateMigrationItemEntity.MIGRATED, detail, now);
        entityManager.flush();
        beforeCommit.accept(instanceId);
    }

    /** Carries out a plan without blockers: the steps as planned, the version, one audit event, readiness settled. */
    private void apply(InstanceEntity instance, List<InstanceStepEntity> current, MigrationPlan plan,
                       TemplateMigrationEntity migration, PublishedTemplate to, Actor actor, Instant now) {
        Map<UUID, InstanceStepEntity> byId = current.stream()
                .collect(Collectors.toMap(InstanceStepEntity::id, Function.identity()));
        List<InstanceStepEntity> ordered = new ArrayList<>();
        InstanceStepEntity[] copies = new InstanceStepEntity[to.steps().size()];
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<InstanceStepEntity> removed = new ArrayList<>();
        List<InstanceStepEntity> rulesRemoved = new ArrayList<>();
        for (PlannedStep planned : plan.steps()) {
            counts.merge(planned.change().name(), 1, Integer::sum);
            InstanceStepEntity step = byId.get(planned.stepId());
            switch (planned.change()) {
                case REMOVED -> removed.add(step);
                case ADDED -> {
                    var added = StepCopies.newStep(instance, to.steps().get(planned.versionPosition()),
                            ordered.size(), now);
                    ordered.add(added);
                    copies[planned.versionPosition()] = added;
                }
                case KEPT -> {
                    TemplateStep definition = to.steps().get(planned.versionPosition());
                    if (step.roleScope() != definition.roleScope() && step.state() == ActionState.READY
                            && step.assignedToId() != null) {
                        step.assign(null);
                    }
                    if (step.dueRule() != null && definition.dueRule() == null) {
                        rulesRemoved.add(step);
                    }
                    StepCopies.redefine(step, definition, now);
                    ordered.add(step);
                    copies[planned.versionPosition()] = step;
                }
                case KEPT_FINISHED, BY_HAND -> ordered.add(step);
            }
        }
        for (InstanceStepEntity step : removed) {
            steps.delete(step);
        }
        steps.flush();
        for (int i = 0; i < ordered.size(); i++) {
            if (ordered.get(i).order() != i) {
                ordered.get(i).reorder(i);
            }
        }
        StepCopies.copyRules(to.steps(), List.of(copies), now);
        ordered.stream().filter(InstanceStepEntity::isNew).forEach(steps::save);
        instance.migrateTo(migration.toVersion(), now);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("migrationId", migration.id().toString());
        summary.put("fromVersion", migration.fromVersion());
        summary.put("toVersion", migration.toVersion());
        summary.put("changes", counts);
        summary.put("added", titles(plan, Change.ADDED));
        summary.put("removed", titles(plan, Change.REMOVED));
        audit.append(new AuditRecord(instance.orgId(), instance.id(), actor, "instance.migrate", "INSTANCE",
                instance.id(), String.valueOf(migration.fromVersion()), String.valueOf(migration.toVersion()),
                summary));
        String cause = "the workflow moved to version " + migration.toVersion();
        rulesRemoved.forEach(step -> dueDates.clear(instance, step, actor, cause));
        dueDates.refresh(instance, ordered, actor, cause);
        progress.replan(instance, ordered, now);
        instances.saveAndFlush(instance);
        steps.flush();
    }

    private static List<String> titles(MigrationPlan plan, Change change) {
        return plan.steps().stream().filter(s -> s.change() == change).map(PlannedStep::title).toList();
    }

    // --- reading

    private MigrationReport report(Actor actor, UUID templateId, UUID migrationId) {
        return reads.execute(tx -> {
            var migration = migrations.findByIdAndOrgIdAndTemplateId(migrationId, actor.orgId(), templateId)
                    .orElseThrow(() -> new NotFoundException("Migration", migrationId));
            List<MigrationReport.Item> items = new ArrayList<>();
            for (var item : migrations.findItems(migrationId)) {
                Map<String, Object> d = item.detail();
                items.add(new MigrationReport.Item(item.instanceId(), (String) d.get("instanceTitle"),
                        d.get("matterId") == null ? null : UUID.fromString((String) d.get("matterId")),
                        (String) d.get("matterTitle"), item.status(), (String) d.get("reason"),
                        d.get("plan") == null ? null : Json.MAPPER.convertValue(d.get("plan"), MigrationPlan.class),
                        item.finishedAt()));
            }
            List<MigrationReport.NotCandidate> not = migration.notCandidates().stream()
                    .map(n -> new MigrationReport.NotCandidate(UUID.fromString((String) n.get("instanceId")),
                            (String) n.get("reason"))).toList();
            return new MigrationReport(migration.id(), templateId, migration.fromVersion(), migration.toVersion(),
                    migration.status(), migration.requestedById(), migration.createdAt(), migration.finishedAt(),
                    items, not);
        });
    }

    private static PublishedTemplate version(List<PublishedTemplate> versions, Integer version, String field,
                                             List<FieldError> errors) {
        if (version == null) {
            errors.add(new FieldError(field, "must not be null"));
            return null;
        }
        return versions.stream().filter(v -> v.version() == version).findFirst().orElseGet(() -> {
            errors.add(new FieldError(field, "the template has no published version " + version));
            return null;
        });
    }

    /** 403 unless an admin of the firm: migrating changes the work on every matter the template runs on. */
    public static void requireAdmin(Actor actor) {
        if (!actor.isUser() || actor.role() != Role.ADMIN) {
            throw new ForbiddenException("only admins migrate running instances: it changes the work on every matter"
                    + " the template runs on");
        }
    }
}
