package io.matterflow.instance;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.matterflow.access.MatterAccess;
import io.matterflow.action.ActionRegistry;
import io.matterflow.action.ActionState;
import io.matterflow.action.ActionType;
import io.matterflow.action.DocumentLookup;
import io.matterflow.action.RoleScope;
import io.matterflow.audit.AuditLog;
import io.matterflow.audit.AuditRecord;
import io.matterflow.calendar.Due;
import io.matterflow.calendar.DueAnchor;
import io.matterflow.calendar.DueOverride;
import io.matterflow.calendar.DueRule;
import io.matterflow.common.Json;
import io.matterflow.common.ConflictException;
import io.matterflow.audit.AuditEvent;
import io.matterflow.common.FieldError;
import io.matterflow.common.ForbiddenException;
import io.matterflow.common.NotFoundException;
import io.matterflow.common.ValidationException;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Directory;
import io.matterflow.directory.MatterDetails;
import io.matterflow.directory.Role;
import io.matterflow.instance.internal.InstanceEntity;
import io.matterflow.instance.internal.InstanceRepository;
import io.matterflow.instance.internal.InstanceStepEntity;
import io.matterflow.instance.internal.InstanceStepRepository;
import io.matterflow.template.PublishedTemplate;
import io.matterflow.template.StepDefinition;
import io.matterflow.template.TemplateStep;
import io.matterflow.template.Templates;

/**
 * Instances on matters: instantiation from a published template version, reading, status changes and advance.
 * Matter-level permissions come from {@link MatterAccess}; every change is audited with the instance as stream.
 */
@Service
@Transactional(readOnly = true)
public class Instances {

    private static final Map<WorkflowStatus, Set<WorkflowStatus>> STATUS_CHANGES = Map.of(
            WorkflowStatus.DRAFT, EnumSet.of(WorkflowStatus.ACTIVE, WorkflowStatus.CANCELED),
            WorkflowStatus.ACTIVE, EnumSet.of(WorkflowStatus.PAUSED, WorkflowStatus.CANCELED),
            WorkflowStatus.PAUSED, EnumSet.of(WorkflowStatus.ACTIVE, WorkflowStatus.CANCELED),
            WorkflowStatus.COMPLETED, EnumSet.noneOf(WorkflowStatus.class),
            WorkflowStatus.CANCELED, EnumSet.noneOf(WorkflowStatus.class));

    private final InstanceRepository instances;
    private final InstanceStepRepository steps;
    private final Templates templates;
    private final Directory directory;
    private final MatterAccess matterAccess;
    private final InstanceProgress progress;
    private final AuditLog audit;
    private final ActionRegistry registry;
    private final DocumentLookup documents;
    private final DueDates dueDates;
    private final ProviderSessions sessions;
    private final Clock clock;

    Instances(InstanceRepository instances, InstanceStepRepository steps, Templates templates, Directory directory,
              MatterAccess matterAccess, InstanceProgress progress, AuditLog audit, ActionRegistry registry,
              DocumentLookup documents, DueDates dueDates, ProviderSessions sessions, Clock clock) {
        this.sessions = sessions;
        this.documents = documents;
        this.dueDates = dueDates;
        this.instances = instances;
        this.steps = steps;
        this.templates = templates;
        this.directory = directory;
        this.matterAccess = matterAccess;
        this.progress = progress;
        this.audit = audit;
        this.registry = registry;
        this.clock = clock;
    }

    /** What to instantiate: {@code title} defaults to the template's name, {@code version} to the newest. */
    public record Instantiate(UUID templateId, UUID matterId, String title, boolean activate, Integer version) {
    }

    /**
     * Copies a published version's steps onto the matter. ACTIVE instances get their first steps READY at once;
     * with {@code activate = false} the instance is a DRAFT with every step PENDING.
     */
    @Transactional
    public InstanceDetails instantiate(Actor actor, Instantiate request) {
        if (request.title() != null && (request.title().isBlank() || request.title().length() > 200)) {
            throw ValidationException.of("Invalid request", "title", "must be 1 to 200 characters");
        }
        // held until commit: a close of the matter waits for this instance and cancels it, or this sees it CLOSED
        MatterDetails matter = directory.findMatterToWorkOn(actor.orgId(), request.matterId())
                .orElseThrow(() -> new NotFoundException("Matter", request.matterId()));
        matterAccess.requireVisible(matter, actor, "Matter", request.matterId());
        matterAccess.requireInstantiate(matter, actor);
        if (matter.isClosed()) {
            throw new ConflictException("Matter closed", "the matter is closed; reopen it to start workflows on it",
                    Map.of("matterStatus", matter.status().name()));
        }
        PublishedTemplate template = templates.forInstantiation(actor.orgId(), request.templateId(), request.version());
        Instant now = clock.instant();
        var status = request.activate() ? WorkflowStatus.ACTIVE : WorkflowStatus.DRAFT;
        String title = request.title() == null ? template.name() : request.title().strip();
        var instance = new InstanceEntity(UUID.randomUUID(), actor.orgId(), template.templateId(), template.version(),
                matter.id(), title, status, actor.userId(), now);
        instances.save(instance);
        List<InstanceStepEntity> created = new ArrayList<>();
        for (TemplateStep s : template.steps()) {
            created.add(StepCopies.newStep(instance, s, s.order(), now));
        }
        StepCopies.copyRules(template.steps(), created, now);
        steps.saveAll(created);
        audit.append(new AuditRecord(actor.orgId(), instance.id(), actor, "instance.create", "INSTANCE", instance.id(),
                null, status.name(), Map.of("templateId", template.templateId().toString(),
                        "templateVersion", template.version(), "matterId", matter.id().toString(),
                        "steps", created.size())));
        progress.settle(instance, InstanceProgress.sorted(created), now);
        instances.flush();
        return instance.toDetails(created.stream().map(InstanceStepEntity::toDetails).toList());
    }

    public InstanceDetails get(Actor actor, UUID instanceId) {
        InstanceEntity instance = load(actor, instanceId);
        matterAccess.requireVisible(matter(instance), actor, "Instance", instanceId);
        return shown(actor, details(instance));
    }

    /** The instance's audit trail, oldest first: the firm's; a client is refused (403). */
    public List<AuditEvent> audit(Actor actor, UUID instanceId) {
        InstanceEntity instance = load(actor, instanceId);
        matterAccess.requireVisible(matter(instance), actor, "Instance", instanceId);
        if (ClientView.applies(actor)) {
            throw new ForbiddenException("the workflow's audit trail is the firm's");
        }
        return audit.stream(actor.orgId(), instance.id());
    }

    /** The step's audit events, oldest first; a client reads only its own steps' (403 for the firm's). */
    public List<AuditEvent> history(Actor actor, UUID stepId) {
        StepDetails step = stepContent(actor, stepId);
        return audit.history(actor.orgId(), step.id());
    }

    /**
     * The step, for reading what it holds (history, documents): 404 where the caller may not see the step, 403 for a
     * client on a step of the firm's that it sees only by title and state.
     */
    public StepDetails stepContent(Actor actor, UUID stepId) {
        StepDetails step = step(actor, stepId);
        if (ClientView.applies(actor) && !ClientView.seesContent(step)) {
            throw new ForbiddenException("the firm's work on this step is not shared with clients");
        }
        return step;
    }

    private static InstanceDetails shown(Actor actor, InstanceDetails instance) {
        return ClientView.applies(actor) ? ClientView.of(instance) : instance;
    }

    /** The matter's instances, newest first, each with its steps. */
    public Page<InstanceDetails> forMatter(Actor actor, UUID matterId, Pageable pageable) {
        MatterDetails matter = directory.findMatter(actor.orgId(), matterId)
                .orElseThrow(() -> new NotFoundException("Matter", matterId));
        matterAccess.requireVisible(matter, actor, "Matter", matterId);
        Page<InstanceEntity> page = instances.findByOrgIdAndMatterIdOrderByCreatedAtDesc(actor.orgId(), matterId, pageable);
        Map<UUID, List<StepDetails>> byInstance = new HashMap<>();
        if (!page.isEmpty()) {
            for (InstanceStepEntity s : steps.findSteps(page.map(InstanceEntity::id).toList())) {
                byInstance.computeIfAbsent(s.instanceId(), k -> new ArrayList<>()).add(s.toDetails());
            }
        }
        return page.map(i -> shown(actor, i.toDetails(byInstance.getOrDefault(i.id(), List.of()))));
    }

    /** Rename and/or change status (ACTIVE↔PAUSED, DRAFT→ACTIVE, DRAFT|ACTIVE|PAUSED→CANCELED). Admins and the owner. */
    @Transactional
    public InstanceDetails update(Actor actor, UUID instanceId, String title, WorkflowStatus status) {
        return update(actor, instanceId, title, status, Map.of());
    }

    /** As {@link #update}; {@code cause} goes into the status change's audit event (why it happened). */
    @Transactional
    InstanceDetails update(Actor actor, UUID instanceId, String title, WorkflowStatus status, Map<String, ?> cause) {
        InstanceEntity instance = load(actor, instanceId);
        MatterDetails matter = matter(instance);
        matterAccess.requireVisible(matter, actor, "Instance", instanceId);
        matterAccess.requireEdit(matter, actor);
        List<FieldError> errors = new ArrayList<>();
        if (title != null && (title.isBlank() || title.length() > 200)) {
            errors.add(new FieldError("title", "must be 1 to 200 characters"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("Invalid request", errors);
        }
        Instant now = clock.instant();
        if (title != null && !title.strip().equals(instance.title())) {
            String old = instance.title();
            instance.rename(title.strip(), now);
            audit.append(new AuditRecord(actor.orgId(), instance.id(), actor, "instance.rename", "INSTANCE",
                    instance.id(), null, null, Map.of("from", old, "to", instance.title())));
        }
        if (status != null && status != instance.status()) {
            WorkflowStatus from = instance.status();
            if (!STATUS_CHANGES.get(from).contains(status)) {
                throw new ConflictException("Illegal status change", "an instance that is " + from
                        + " cannot become " + status, Map.of("instanceStatus", from.name(), "requested", status.name(),
                        "allowed", STATUS_CHANGES.get(from).stream().map(Enum::name).sorted().toList()));
            }
            List<InstanceStepEntity> all = steps.findSteps(instance.id());
            instance.status(status, all, now);
            audit.append(new AuditRecord(actor.orgId(), instance.id(), actor, "instance.status", "INSTANCE",
                    instance.id(), from.name(), status.name(), cause));
            if (status == WorkflowStatus.CANCELED) {
                sessions.instanceEnded(instance, all, "instance canceled");
            }
            progress.settle(instance, all, now);
        }
        instances.saveAndFlush(instance);
        return details(instance);
    }

    /** Re-evaluates readiness and completion; changes nothing when nothing is due. */
    @Transactional
    public InstanceDetails advance(Actor actor, UUID instanceId) {
        InstanceEntity instance = load(actor, instanceId);
        MatterDetails matter = matter(instance);
        matterAccess.requireVisible(matter, actor, "Instance", instanceId);
        if (actor.role() == Role.CLIENT) {
            matterAccess.requireEdit(matter, actor);
        }
        progress.settle(instance, steps.findSteps(instance.id()), clock.instant());
        instances.saveAndFlush(instance);
        return details(instance);
    }

    /** A step to add to an instance; {@code order} (0-based) inserts it there, else it is appended. */
    public record NewStep(String title, ActionType actionType, RoleScope roleScope, Boolean required,
                          Map<String, Object> actionConfig, Integer order, Boolean clientVisible, DueRule dueRule) {

        public NewStep(String title, ActionType actionType, RoleScope roleScope, Boolean required,
                       Map<String, Object> actionConfig, Integer order, Boolean clientVisible) {
            this(title, actionType, roleScope, required, actionConfig, order, clientVisible, null);
        }

        public NewStep(String title, ActionType actionType, RoleScope roleScope, Boolean required,
                       Map<String, Object> actionConfig, Integer order) {
            this(title, actionType, roleScope, required, actionConfig, order, null);
        }
    }

    /**
     * Changes to one step of an instance; null fields stay as they are. {@code dueRule} replaces the step's rule;
     * {@code removeDueRule} takes it away (and the date it gave).
     */
    public record StepChanges(String title, RoleScope roleScope, Boolean required, Map<String, Object> actionConfig,
                              Integer order, Boolean clientVisible, DueRule dueRule, Boolean removeDueRule) {

        public StepChanges(String title, RoleScope roleScope, Boolean required, Map<String, Object> actionConfig,
                           Integer order, Boolean clientVisible) {
            this(title, roleScope, required, actionConfig, order, clientVisible, null, null);
        }

        public StepChanges(String title, RoleScope roleScope, Boolean required, Map<String, Object> actionConfig,
                           Integer order) {
            this(title, roleScope, required, actionConfig, order, null);
        }
    }

    /**
     * Adds a step to a DRAFT, ACTIVE or PAUSED instance, at {@code order} or at the end; later steps shift down.
     * The new step is PENDING and becomes READY at once if its prerequisites are met.
     */
    @Transactional
    public InstanceDetails addStep(Actor actor, UUID instanceId, NewStep request) {
        InstanceEntity instance = loadEditable(actor, instanceId);
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> config = Templates.checkStep("", new StepDefinition(request.title(), request.actionType(),
                request.roleScope(), request.required(), request.actionConfig()), registry, errors);
        checkDocumentsToSign(instance, request.actionType(), config, errors);
        List<InstanceStepEntity> current = steps.findSteps(instanceId);
        checkDueRule(request.dueRule(), null, current, errors);
        if (request.order() != null && (request.order() < 0 || request.order() > current.size())) {
            errors.add(new FieldError("order", "must be between 0 and " + current.size()));
        }
        if (current.size() >= Templates.MAX_STEPS) {
            errors.add(new FieldError("steps", "an instance has at most " + Templates.MAX_STEPS + " steps"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("Invalid step", errors);
        }
        Instant now = clock.instant();
        int position = request.order() == null ? current.size() : request.order();
        var step = new InstanceStepEntity(UUID.randomUUID(), instance, null, position,
                request.title().strip(), request.actionType(), request.roleScope(),
                request.required() == null || request.required(), Boolean.TRUE.equals(request.clientVisible()),
                config, now);
        if (request.dueRule() != null) {
            step.dueRule(request.dueRule().normalized(), now);
        }
        List<InstanceStepEntity> ordered = new ArrayList<>(current);
        ordered.add(position, step);
        renumber(ordered);
        steps.save(step);
        audit.append(new AuditRecord(actor.orgId(), instance.id(), actor, "instance.step-add", "STEP", step.id(),
                null, ActionState.PENDING.name(), Map.of("title", step.title(), "actionType",
                        step.actionType().name(), "roleScope", step.roleScope().name(), "order", position)));
        dueDates.refresh(instance, ordered, actor, "the step was added");
        return settleAndLoad(instance, ordered, now);
    }

    /**
     * Edits a step. The title and order may change while the instance is not COMPLETED or CANCELED; role, required
     * flag and config only while the step has not started (PENDING or READY). A new role unassigns the step.
     */
    @Transactional
    public InstanceDetails editStep(Actor actor, UUID instanceId, UUID stepId, StepChanges changes) {
        InstanceEntity instance = loadEditable(actor, instanceId);
        List<InstanceStepEntity> ordered = new ArrayList<>(steps.findSteps(instanceId));
        InstanceStepEntity step = ordered.stream().filter(s -> s.id().equals(stepId)).findFirst()
                .orElseThrow(() -> new NotFoundException("Step", stepId));
        List<FieldError> errors = new ArrayList<>();
        if (changes.title() != null && (changes.title().isBlank() || changes.title().strip().length() > 200)) {
            errors.add(new FieldError("title", "must be 1 to 200 characters"));
        }
        if (changes.order() != null && (changes.order() < 0 || changes.order() >= ordered.size())) {
            errors.add(new FieldError("order", "must be between 0 and " + (ordered.size() - 1)));
        }
        Map<String, Object> config = changes.actionConfig() == null ? null
                : Templates.checkConfig("", step.actionType(), changes.actionConfig(), registry, errors);
        checkDocumentsToSign(instance, step.actionType(), config, errors);
        checkDueRule(changes.dueRule(), step.id(), ordered, errors);
        if (changes.dueRule() != null && Boolean.TRUE.equals(changes.removeDueRule())) {
            errors.add(new FieldError("removeDueRule", "cannot go with a new dueRule"));
        }
        boolean done = step.state() == ActionState.COMPLETED || step.state() == ActionState.SKIPPED;
        if (done && (changes.dueRule() != null || Boolean.TRUE.equals(changes.removeDueRule()))) {
            errors.add(new FieldError("dueRule", "a step that is " + step.state() + " keeps the due date it had"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("Invalid step", errors);
        }
        boolean definitionChanges = changes.roleScope() != null || changes.required() != null || config != null;
        if (definitionChanges && step.state() != ActionState.PENDING && step.state() != ActionState.READY) {
            throw new ConflictException("Step already started", "the role, required flag and config of a step that is "
                    + step.state() + " cannot change; only its title and order can",
                    Map.of("state", step.state().name()));
        }
        Instant now = clock.instant();
        Map<String, Object> changed = new LinkedHashMap<>();
        if (changes.title() != null) {
            changed.put("title", changes.title().strip());
        }
        if (changes.roleScope() != null && changes.roleScope() != step.roleScope()) {
            changed.put("roleScope", changes.roleScope().name());
            if (step.assignedToId() != null) {
                step.assign(null);
                changed.put("unassigned", true);
            }
        }
        if (changes.required() != null) {
            changed.put("required", changes.required());
        }
        if (config != null) {
            changed.put("actionConfig", config);
        }
        if (changes.clientVisible() != null && changes.clientVisible() != step.clientVisible()) {
            changed.put("clientVisible", changes.clientVisible());
            step.showToClient(changes.clientVisible(), now);
        }
        step.edit(changes.title() == null ? null : changes.title().strip(), changes.roleScope(), changes.required(),
                config, now);
        if (changes.dueRule() != null && !changes.dueRule().normalized().equals(step.dueRule())) {
            step.dueRule(changes.dueRule().normalized(), now);
            changed.put("dueRule", Json.MAPPER.convertValue(step.dueRule(), Map.class));
        } else if (Boolean.TRUE.equals(changes.removeDueRule()) && step.dueRule() != null) {
            step.dueRule(null, now);
            changed.put("dueRule", null);
        }
        if (changes.order() != null && changes.order() != ordered.indexOf(step)) {
            changed.put("order", changes.order());
            ordered.remove(step);
            ordered.add(changes.order(), step);
            renumber(ordered);
            StepConditions.checkOrder(ordered);
        }
        audit.append(new AuditRecord(actor.orgId(), instance.id(), actor, "instance.step-edit", "STEP", step.id(),
                null, null, changed));
        if (changed.containsKey("dueRule") && step.dueRule() != null) {
            dueDates.refresh(instance, ordered, actor, "its due rule changed");
        } else if (changed.containsKey("dueRule")) {
            dueDates.clear(instance, step, actor, "its due rule was removed");
        }
        return settleAndLoad(instance, ordered, now);
    }

    /** Removes a step that has not started (PENDING or READY); later steps shift up. */
    @Transactional
    public InstanceDetails removeStep(Actor actor, UUID instanceId, UUID stepId) {
        InstanceEntity instance = loadEditable(actor, instanceId);
        List<InstanceStepEntity> ordered = new ArrayList<>(steps.findSteps(instanceId));
        InstanceStepEntity step = ordered.stream().filter(s -> s.id().equals(stepId)).findFirst()
                .orElseThrow(() -> new NotFoundException("Step", stepId));
        if (step.state() != ActionState.PENDING && step.state() != ActionState.READY) {
            throw new ConflictException("Step already started", "a step that is " + step.state()
                    + " is part of the record and cannot be removed; skip it instead",
                    Map.of("state", step.state().name()));
        }
        StepConditions.checkRemovable(step, ordered);
        ordered.remove(step);
        steps.delete(step);
        steps.flush();
        renumber(ordered);
        Instant now = clock.instant();
        audit.append(new AuditRecord(actor.orgId(), instance.id(), actor, "instance.step-remove", "STEP", step.id(),
                step.state().name(), null, Map.of("title", step.title(), "actionType", step.actionType().name())));
        return settleAndLoad(instance, ordered, now);
    }

    /** Puts the instance's steps in the given order (every step id once); one audit event. */
    @Transactional
    public InstanceDetails reorder(Actor actor, UUID instanceId, List<UUID> stepIds) {
        InstanceEntity instance = loadEditable(actor, instanceId);
        List<InstanceStepEntity> current = steps.findSteps(instanceId);
        Map<UUID, InstanceStepEntity> byId = new HashMap<>();
        current.forEach(s -> byId.put(s.id(), s));
        if (stepIds.size() != current.size() || !byId.keySet().equals(new java.util.HashSet<>(stepIds))) {
            throw ValidationException.of("Invalid order", "stepIds", "must list every step of the instance once");
        }
        List<InstanceStepEntity> ordered = stepIds.stream().map(byId::get).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        renumber(ordered);
        StepConditions.checkOrder(ordered);
        Instant now = clock.instant();
        audit.append(new AuditRecord(actor.orgId(), instance.id(), actor, "instance.reorder", "INSTANCE", instance.id(),
                null, null, Map.of("stepIds", stepIds.stream().map(UUID::toString).toList())));
        return settleAndLoad(instance, ordered, now);
    }

    /** An instance's due rule names the other step by id: another step of this instance. */
    private static void checkDueRule(DueRule rule, UUID self, List<InstanceStepEntity> current,
                                     List<FieldError> errors) {
        if (rule == null) {
            return;
        }
        errors.addAll(rule.errors("dueRule"));
        if (rule.step() != null) {
            errors.add(new FieldError("dueRule.step", "an instance names the other step by its id, in stepId"));
        }
        if (rule.anchor() == DueAnchor.STEP_COMPLETED && (rule.stepId() == null || rule.stepId().equals(self)
                || current.stream().noneMatch(s -> s.id().equals(rule.stepId())))) {
            errors.add(new FieldError("dueRule.stepId", "must be the id of another step of this instance"));
        }
    }

    /**
     * Sets the step's due date by hand ({@code at}) with a reason, or with {@code at} null gives it back to its rule
     * (no date when it has none). Admins and the matter's owner; the step must not be done (409) and the instance
     * must not have ended (409). Audited and announced like any change of a due date; recomputation leaves a date set
     * by hand alone.
     */
    @Transactional
    public StepDetails setDue(Actor actor, UUID stepId, Instant at, String reason) {
        List<Object[]> rows = steps.findInstanceWithStepsOf(stepId, actor.orgId());
        if (rows.isEmpty()) {
            throw new NotFoundException("Step", stepId);
        }
        InstanceEntity instance = (InstanceEntity) rows.get(0)[1];
        List<InstanceStepEntity> all = rows.stream().map(row -> (InstanceStepEntity) row[0]).toList();
        InstanceStepEntity step = all.stream().filter(s -> s.id().equals(stepId)).findFirst().orElseThrow();
        MatterDetails matter = matter(instance);
        matterAccess.requireVisible(matter, actor, "Step", stepId);
        if (ClientView.applies(actor) && !ClientView.sees(step.toDetails())) {
            throw new NotFoundException("Step", stepId);
        }
        matterAccess.requireManage(matter, actor);
        if (reason == null || reason.isBlank() || reason.strip().length() > StepRuntime.MAX_REASON) {
            throw ValidationException.of("Invalid due date", "reason", "must be 1 to " + StepRuntime.MAX_REASON
                    + " characters: say why the date is set by hand");
        }
        if (instance.status().isFinal()) {
            throw new ConflictException("Instance closed", "the due dates of an instance that is "
                    + instance.status() + " stay as they were", Map.of("instanceStatus", instance.status().name()));
        }
        if (step.state() == ActionState.COMPLETED || step.state() == ActionState.SKIPPED) {
            throw new ConflictException("Step done", "a step that is " + step.state() + " keeps the due date it had",
                    Map.of("state", step.state().name()));
        }
        Instant now = clock.instant();
        if (at == null) {
            if (step.due() == null || step.due().override() == null) {
                return step.toDetails();
            }
            dueDates.set(instance, step, dueDates.byRule(instance, all, step), actor,
                    "the date set by hand was cleared: " + reason.strip());
        } else {
            var override = new DueOverride(at, reason.strip(), actor.userId(), actor.name(), now);
            Due base = dueDates.byRule(instance, all, step);
            String text = "Set by hand by " + actor.name() + ": \u201c" + reason.strip() + "\u201d"
                    + (base != null && base.at() != null ? " (by its rule: " + base.explanation() + ")" : "");
            Due due = base == null
                    ? new Due(at, step.dueRule(), null, text, null, null, List.of(), override)
                    : new Due(at, base.rule(), base.anchor(), text, base.calendarVersion(), base.timeZone(),
                    base.skipped(), override);
            dueDates.set(instance, step, due, actor, "set by hand");
        }
        instance.touch(now);
        instances.flush();
        return step.toDetails();
    }

    /**
     * A step of the instance may name documents to sign stored for this instance, or for the template it was made
     * from (what the instance's steps were copied with); 400 naming the config field (such as
     * {@code actionConfig.documentId}) otherwise.
     */
    private void checkDocumentsToSign(InstanceEntity instance, ActionType type, Map<String, Object> config,
                                      List<FieldError> errors) {
        Templates.checkDocumentsToSign("", type, config, registry, instance.orgId(), documents,
                d -> instance.id().equals(d.instanceId()) || instance.templateId().equals(d.templateId()),
                "a document stored for this instance or its template (upload it to the instance first)", errors);
    }

    /** 404 unless the caller sees the instance, 403 unless it may edit it, 409 once it is closed. */
    void requireEditable(Actor actor, UUID instanceId) {
        loadEditable(actor, instanceId);
    }

    private InstanceEntity loadEditable(Actor actor, UUID instanceId) {
        InstanceEntity instance = load(actor, instanceId);
        MatterDetails matter = matter(instance);
        matterAccess.requireVisible(matter, actor, "Instance", instanceId);
        matterAccess.requireEdit(matter, actor);
        if (instance.status().isFinal()) {
            throw new ConflictException("Instance closed", "an instance that is " + instance.status()
                    + " cannot be edited", Map.of("instanceStatus", instance.status().name()));
        }
        return instance;
    }

    private InstanceDetails settleAndLoad(InstanceEntity instance, List<InstanceStepEntity> ordered, Instant now) {
        progress.replan(instance, ordered, now);
        instances.saveAndFlush(instance);
        steps.flush();
        return instance.toDetails(ordered.stream().map(InstanceStepEntity::toDetails).toList());
    }

    private static void renumber(List<InstanceStepEntity> ordered) {
        for (int i = 0; i < ordered.size(); i++) {
            if (ordered.get(i).order() != i) {
                ordered.get(i).reorder(i);
            }
        }
    }

    /** The instance a step belongs to, for callers that hold a step id. */
    public UUID instanceOfStep(Actor actor, UUID stepId) {
        return steps.findByIdAndOrgId(stepId, actor.orgId()).map(InstanceStepEntity::instanceId)
                .orElseThrow(() -> new NotFoundException("Step", stepId));
    }

    /**
     * The step whose attempt the provider knows by {@code reference} (a signature session, a payment intent), in
     * whichever organization it is: provider webhooks name no organization, the step tells it. Only a step whose
     * type that kind of provider reports on ({@link io.matterflow.action.ActionHandler#providerKind()}) is found.
     * The current attempt's session is found on the step; an earlier attempt's (the step was retried since) in the
     * sessions the step opened, answered with {@link ProviderStep#currentAttempt()} false.
     */
    public Optional<ProviderStep> findByProviderReference(String providerKind, String provider, String reference) {
        if (reference == null || reference.isEmpty()) {
            return Optional.empty();
        }
        Optional<InstanceStepEntity> current = steps.findByProviderRef(reference).stream()
                .filter(s -> reportsOn(s, providerKind) && provider.equals(s.actionData().get("provider")))
                .findFirst();
        if (current.isPresent()) {
            return current.map(s -> providerStep(s, provider, true));
        }
        return sessions.stepOf(providerKind, provider, reference).flatMap(steps::findById)
                .filter(s -> reportsOn(s, providerKind))
                .map(s -> providerStep(s, provider, reference.equals(s.providerRef())));
    }

    private boolean reportsOn(InstanceStepEntity step, String providerKind) {
        return registry.find(step.actionType()).map(h -> providerKind.equals(h.providerKind())).orElse(false);
    }

    private ProviderStep providerStep(InstanceStepEntity step, String provider, boolean currentAttempt) {
        InstanceEntity instance = instances.findById(step.instanceId()).orElseThrow();
        return new ProviderStep(step.orgId(), provider, step.toDetails(), instance.matterId(), instance.title(),
                instance.status(), currentAttempt);
    }

    /** The step as the caller may see it: 404 for a client on a step of the firm's not shown to it. */
    public StepDetails step(Actor actor, UUID stepId) {
        InstanceStepEntity step = steps.findByIdAndOrgId(stepId, actor.orgId())
                .orElseThrow(() -> new NotFoundException("Step", stepId));
        matterAccess.requireVisible(matter(load(actor, step.instanceId())), actor, "Step", stepId);
        StepDetails details = step.toDetails();
        if (ClientView.applies(actor)) {
            if (!ClientView.sees(details)) {
                throw new NotFoundException("Step", stepId);
            }
            return ClientView.of(details);
        }
        return details;
    }

    private InstanceDetails details(InstanceEntity instance) {
        return instance.toDetails(steps.findSteps(instance.id()).stream().map(InstanceStepEntity::toDetails).toList());
    }

    private InstanceEntity load(Actor actor, UUID instanceId) {
        return instances.findByIdAndOrgId(instanceId, actor.orgId())
                .orElseThrow(() -> new NotFoundException("Instance", instanceId));
    }

    private MatterDetails matter(InstanceEntity instance) {
        return directory.matter(instance.orgId(), instance.matterId());
    }
}
