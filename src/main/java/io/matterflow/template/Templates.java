package io.matterflow.template;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.matterflow.action.ActionRegistry;
import io.matterflow.action.ActionType;
import io.matterflow.action.DocumentInfo;
import io.matterflow.action.DocumentLookup;
import io.matterflow.action.ActionHandler;
import io.matterflow.action.RoleScope;
import io.matterflow.audit.AuditLog;
import io.matterflow.audit.AuditRecord;
import io.matterflow.calendar.DueAnchor;
import io.matterflow.calendar.DueRule;
import io.matterflow.common.Json;
import io.matterflow.common.ConflictException;
import io.matterflow.common.FieldError;
import io.matterflow.common.ForbiddenException;
import io.matterflow.common.NotFoundException;
import io.matterflow.common.ValidationException;
import io.matterflow.condition.Condition;
import io.matterflow.condition.Conditions;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Role;
import io.matterflow.template.internal.TemplateEntity;
import io.matterflow.template.internal.TemplateRepository;
import io.matterflow.template.internal.TemplateStepEntity;
import io.matterflow.template.internal.TemplateStepRepository;
import io.matterflow.template.internal.TemplateVersionEntity;
import io.matterflow.template.internal.TemplateVersionRepository;

/**
 * Creating, editing, publishing and reading templates. ADMIN and LAWYER author; PARALEGAL reads; CLIENT sees
 * none. Every change is audited in its transaction, with the template as the audit stream.
 */
@Service
@Transactional(readOnly = true)
public class Templates {

    public static final int MAX_STEPS = 100;

    private final TemplateRepository templates;
    private final TemplateStepRepository steps;
    private final TemplateVersionRepository versions;
    private final ActionRegistry registry;
    private final DocumentLookup documents;
    private final AuditLog audit;
    private final Conditions conditions;
    private final Clock clock;

    Templates(TemplateRepository templates, TemplateStepRepository steps, TemplateVersionRepository versions,
              ActionRegistry registry, DocumentLookup documents, AuditLog audit, Conditions conditions, Clock clock) {
        this.conditions = conditions;
        this.templates = templates;
        this.steps = steps;
        this.versions = versions;
        this.registry = registry;
        this.documents = documents;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public TemplateDetails create(Actor actor, String name, String description, List<StepDefinition> definitions) {
        requireAuthor(actor);
        List<FieldError> errors = new ArrayList<>();
        checkName(name, errors);
        checkDescription(description, errors);
        List<Map<String, Object>> configs = checkSteps(actor.orgId(), null,
                definitions == null ? List.of() : definitions, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException("Invalid template", errors);
        }
        Instant now = clock.instant();
        var template = templates.save(new TemplateEntity(UUID.randomUUID(), actor.orgId(), name.strip(),
                description, actor.userId(), now));
        writeDraft(template.id(), definitions == null ? List.of() : definitions, configs, List.of());
        audit.append(new AuditRecord(actor.orgId(), template.id(), actor, "template.create", "TEMPLATE",
                template.id(), null, null, Map.of("name", template.name(),
                        "steps", definitions == null ? 0 : definitions.size())));
        return details(template);
    }

    @Transactional
    public TemplateDetails update(Actor actor, UUID templateId, TemplateChanges changes) {
        requireAuthor(actor);
        TemplateEntity template = load(actor.orgId(), templateId);
        List<FieldError> errors = new ArrayList<>();
        if (changes.name() != null) {
            checkName(changes.name(), errors);
        }
        checkDescription(changes.description(), errors);
        List<Map<String, Object>> configs = changes.steps() == null ? null
                : checkSteps(actor.orgId(), templateId, changes.steps(), errors);
        if (!errors.isEmpty()) {
            throw new ValidationException("Invalid template", errors);
        }
        Map<String, Object> changed = new LinkedHashMap<>();
        if (changes.name() != null) {
            template.rename(changes.name().strip());
            changed.put("name", changes.name().strip());
        }
        if (changes.description() != null) {
            template.describe(changes.description());
            changed.put("description", changes.description());
        }
        if (changes.isActive() != null) {
            template.activate(changes.isActive());
            changed.put("isActive", changes.isActive());
        }
        if (changes.steps() != null) {
            // removed through the persistence context, so that a step keeping its id is written as a new row
            List<TemplateStepEntity> before = steps.findDraft(templateId);
            steps.deleteAll(before);
            steps.flush();
            writeDraft(templateId, changes.steps(), configs, before.stream().map(TemplateStepEntity::id).toList());
            changed.put("steps", changes.steps().size());
        }
        template.touch(clock.instant());
        templates.saveAndFlush(template);
        audit.append(new AuditRecord(actor.orgId(), templateId, actor, "template.update", "TEMPLATE", templateId,
                null, null, changed));
        return details(template);
    }

    /** Freezes the draft as the next version. Every step's config is validated again; an empty draft is refused. */
    @Transactional
    public TemplateDetails publish(Actor actor, UUID templateId) {
        requireAuthor(actor);
        TemplateEntity template = load(actor.orgId(), templateId);
        List<TemplateStep> draft = draftSteps(templateId);
        if (draft.isEmpty()) {
            throw new ConflictException("Nothing to publish", "a template needs at least one step to be published");
        }
        List<FieldError> errors = new ArrayList<>();
        for (TemplateStep step : draft) {
            try {
                registry.validateConfig(step.actionType(), step.actionConfig());
            } catch (ValidationException e) {
                e.errors().forEach(err -> errors.add(new FieldError(
                        "steps[" + step.order() + "].actionConfig." + err.field(), err.message())));
            }
        }
        List<Conditions.NamedStep> named = draft.stream()
                .map(t -> new Conditions.NamedStep(t.title(), t.actionType(), t.actionConfig())).toList();
        for (TemplateStep step : draft) {
            errors.addAll(conditions.checkTemplate("steps[" + step.order() + "].condition", step.condition(),
                    step.order(), named));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("Invalid template", errors);
        }
        Instant now = clock.instant();
        int version = template.publishNext(now);
        versions.save(new TemplateVersionEntity(templateId, version, snapshot(draft), actor.userId(), now));
        templates.saveAndFlush(template);
        audit.append(new AuditRecord(actor.orgId(), templateId, actor, "template.publish", "TEMPLATE", templateId,
                null, null, Map.of("version", version, "steps", draft.size())));
        return details(template);
    }

    public TemplateDetails get(Actor actor, UUID templateId) {
        requireReader(actor);
        return details(load(actor.orgId(), templateId));
    }

    /** Templates whose name or description contains {@code q} (case-insensitive), by name. */
    public Page<TemplateDetails> search(Actor actor, String q, Pageable pageable) {
        requireReader(actor);
        String pattern = q == null || q.isBlank() ? null
                : "%" + q.strip().toLowerCase(Locale.ROOT).replace("\\", "").replace("%", "").replace("_", "") + "%";
        var page = pattern == null ? templates.findByOrgId(actor.orgId(), pageable)
                : templates.search(actor.orgId(), pattern, pageable);
        return page.map(this::details);
    }

    public List<PublishedTemplate> versions(Actor actor, UUID templateId) {
        requireReader(actor);
        TemplateEntity template = load(actor.orgId(), templateId);
        return versions.findVersions(templateId).stream().map(v -> toPublished(template, v)).toList();
    }

    /**
     * The version instances are made from: the one named, or the newest. Refused (409) for an inactive template
     * or one never published.
     */
    public PublishedTemplate forInstantiation(UUID orgId, UUID templateId, Integer version) {
        TemplateEntity template = load(orgId, templateId);
        if (!template.isActive()) {
            throw new ConflictException("Template inactive", "template " + templateId + " is deactivated");
        }
        if (template.publishedVersion() == 0) {
            throw new ConflictException("Template not published",
                    "template " + templateId + " has no published version to instantiate");
        }
        int wanted = version == null ? template.publishedVersion() : version;
        var entity = versions.findVersion(templateId, wanted).orElseThrow(() -> ValidationException.of(
                "Unknown version", "version", "template has no published version " + wanted));
        return toPublished(template, entity);
    }

    private TemplateDetails details(TemplateEntity template) {
        return template.toDetails(draftSteps(template.id()));
    }

    private List<TemplateStep> draftSteps(UUID templateId) {
        return steps.findDraft(templateId).stream().map(TemplateStepEntity::toStep).toList();
    }

    /**
     * Writes the draft's steps. A definition naming one of the draft's steps as they were ({@code kept}) keeps its id,
     * once; any other step gets a new one.
     */
    private void writeDraft(UUID templateId, List<StepDefinition> definitions, List<Map<String, Object>> configs,
                            List<UUID> kept) {
        java.util.Set<UUID> available = new java.util.HashSet<>(kept);
        for (int i = 0; i < definitions.size(); i++) {
            StepDefinition d = definitions.get(i);
            UUID id = d.id() != null && available.remove(d.id()) ? d.id() : UUID.randomUUID();
            steps.save(new TemplateStepEntity(id, templateId, i, d.title().strip(), d.actionType(),
                    configs.get(i), d.roleScope(), d.requiredOrDefault(), d.clientVisibleOrDefault(),
                    d.dueRule() == null ? null : d.dueRule().normalized(),
                    d.condition() == null ? null : d.condition().normalized()));
        }
    }

    /**
     * Validates the definitions of the template's draft ({@code templateId} null for a new template); returns each
     * step's config as stored (null entries where invalid). A signature step naming a stored document must name one
     * stored for this template.
     */
    private List<Map<String, Object>> checkSteps(UUID orgId, UUID templateId, List<StepDefinition> definitions,
                                                 List<FieldError> errors) {
        if (definitions.size() > MAX_STEPS) {
            errors.add(new FieldError("steps", "must have at most " + MAX_STEPS + " steps"));
            return List.of();
        }
        List<Map<String, Object>> configs = new ArrayList<>();
        for (int i = 0; i < definitions.size(); i++) {
            String prefix = "steps[" + i + "].";
            Map<String, Object> config = checkStep(prefix, definitions.get(i), registry, errors);
            configs.add(config);
            if (config != null) {
                checkDocumentsToSign(prefix, definitions.get(i).actionType(), config, registry, orgId, documents,
                        d -> templateId != null && templateId.equals(d.templateId()),
                        "a document stored for this template (upload it to the template first)", errors);
            }
            if (definitions.get(i) != null) {
                checkDueRule(prefix + "dueRule", definitions.get(i).dueRule(), i, definitions.size(), errors);
            }
        }
        List<Conditions.NamedStep> named = definitions.stream().map(d -> d == null ? null
                : new Conditions.NamedStep(d.title(), d.actionType(), d.actionConfig())).toList();
        for (int i = 0; i < definitions.size(); i++) {
            if (definitions.get(i) != null && configs.get(i) != null) {
                errors.addAll(conditions.checkTemplate("steps[" + i + "].condition", definitions.get(i).condition(),
                        i, named));
            } else if (definitions.get(i) != null && definitions.get(i).condition() != null) {
                errors.addAll(definitions.get(i).condition().errors("steps[" + i + "].condition"));
            }
        }
        return configs;
    }

    /**
     * A template's due rule names another step by its position: one of the template's other steps. (An instance's
     * rule names it by id.)
     */
    static void checkDueRule(String path, DueRule rule, int position, int steps, List<FieldError> errors) {
        if (rule == null) {
            return;
        }
        errors.addAll(rule.errors(path));
        if (rule.stepId() != null) {
            errors.add(new FieldError(path + ".stepId", "a template names the other step by its position, in step"));
        }
        if (rule.anchor() == DueAnchor.STEP_COMPLETED) {
            if (rule.step() == null) {
                errors.add(new FieldError(path + ".step", "must name the step whose completion the date counts from"
                        + " (its position, from 0)"));
            } else if (rule.step() < 0 || rule.step() >= steps || rule.step() == position) {
                errors.add(new FieldError(path + ".step", "must be the position of another step of this template"
                        + " (0 to " + (steps - 1) + ")"));
            }
        }
    }

    /**
     * Each stored document a valid config names for signing ({@link ActionHandler#documentsToSign}, such as a
     * SIGNATURE_CLIENT's {@code documentId} when it is a UUID) must be one of the firm's that {@code belongs} (stored
     * for the template or instance being edited), else a 400 naming the config field. A free-text documentId (a
     * document kept outside Matterflow) names none.
     */
    public static void checkDocumentsToSign(String prefix, ActionType type, Map<String, ?> config,
                                            ActionRegistry registry, UUID orgId, DocumentLookup documents,
                                            Predicate<DocumentInfo> belongs, String expected,
                                            List<FieldError> errors) {
        if (config == null || !registry.isRegistered(type)) {
            return;
        }
        registry.handler(type).documentsToSign(config).forEach((field, id) -> {
            boolean ok = documents.find(orgId, id).filter(DocumentInfo::firms).filter(belongs).isPresent();
            if (!ok) {
                errors.add(new FieldError(prefix + "actionConfig." + field, "must name " + expected));
            }
        });
    }

    /** Checks one step definition, adding errors under {@code prefix}; returns the stored config or null. */
    public static Map<String, Object> checkStep(String prefix, StepDefinition d, ActionRegistry registry,
                                                List<FieldError> errors) {
        if (d == null) {
            errors.add(new FieldError(prefix.isEmpty() ? "step" : prefix.substring(0, prefix.length() - 1),
                    "must not be null"));
            return null;
        }
        if (d.title() == null || d.title().isBlank()) {
            errors.add(new FieldError(prefix + "title", "must not be blank"));
        } else if (d.title().strip().length() > 200) {
            errors.add(new FieldError(prefix + "title", "must be at most 200 characters"));
        }
        if (d.roleScope() == null) {
            errors.add(new FieldError(prefix + "roleScope", "must not be null"));
        }
        if (d.actionType() == null) {
            errors.add(new FieldError(prefix + "actionType", "must not be null"));
            return null;
        }
        if (!registry.isRegistered(d.actionType())) {
            errors.add(registry.unknown(prefix + "actionType"));
            return null;
        }
        return checkConfig(prefix, d.actionType(), d.actionConfig(), registry, errors);
    }

    public static Map<String, Object> checkConfig(String prefix, ActionType type, Map<String, ?> config,
                                                  ActionRegistry registry, List<FieldError> errors) {
        try {
            return registry.validateConfig(type, config);
        } catch (ValidationException e) {
            e.errors().forEach(err -> errors.add(new FieldError(prefix + "actionConfig"
                    + (err.field().isEmpty() ? "" : "." + err.field()), err.message())));
            return null;
        }
    }

    private static void checkName(String name, List<FieldError> errors) {
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("name", "must not be blank"));
        } else if (name.strip().length() > 200) {
            errors.add(new FieldError("name", "must be at most 200 characters"));
        }
    }

    private static void checkDescription(String description, List<FieldError> errors) {
        if (description != null && description.length() > 2000) {
            errors.add(new FieldError("description", "must be at most 2000 characters"));
        }
    }

    private TemplateEntity load(UUID orgId, UUID templateId) {
        return templates.findByIdAndOrgId(templateId, orgId)
                .orElseThrow(() -> new NotFoundException("Template", templateId));
    }

    private static Map<String, Object> snapshot(List<TemplateStep> draft) {
        List<Map<String, Object>> stepList = new ArrayList<>();
        for (TemplateStep s : draft) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("templateStepId", s.id().toString());
            m.put("order", s.order());
            m.put("title", s.title());
            m.put("actionType", s.actionType().name());
            m.put("roleScope", s.roleScope().name());
            m.put("required", s.required());
            m.put("actionConfig", s.actionConfig());
            m.put("clientVisible", s.clientVisible());
            if (s.dueRule() != null) {
                m.put("dueRule", Json.MAPPER.convertValue(s.dueRule(), Map.class));
            }
            if (s.condition() != null) {
                m.put("condition", Json.MAPPER.convertValue(s.condition(), Map.class));
            }
            stepList.add(m);
        }
        return Map.of("steps", stepList);
    }

    @SuppressWarnings("unchecked")
    private static PublishedTemplate toPublished(TemplateEntity template, TemplateVersionEntity v) {
        List<TemplateStep> stepList = new ArrayList<>();
        for (Map<String, Object> m : (List<Map<String, Object>>) v.snapshot().get("steps")) {
            stepList.add(new TemplateStep(UUID.fromString((String) m.get("templateStepId")),
                    ((Number) m.get("order")).intValue(), (String) m.get("title"),
                    ActionType.of((String) m.get("actionType")), RoleScope.valueOf((String) m.get("roleScope")),
                    (Boolean) m.get("required"), (Map<String, Object>) m.get("actionConfig"),
                    Boolean.TRUE.equals(m.get("clientVisible")),
                    m.get("dueRule") == null ? null : Json.MAPPER.convertValue(m.get("dueRule"), DueRule.class),
                    m.get("condition") == null ? null
                            : Json.MAPPER.convertValue(m.get("condition"), Condition.class)));
        }
        return new PublishedTemplate(template.id(), template.orgId(), template.name(), v.version(), v.publishedById(),
                v.publishedAt(), List.copyOf(stepList));
    }

    static void requireAuthor(Actor actor) {
        if (!actor.isUser() || (actor.role() != Role.ADMIN && actor.role() != Role.LAWYER)) {
            throw new ForbiddenException("only admins and lawyers may edit or publish templates");
        }
    }

    static void requireReader(Actor actor) {
        if (!actor.isUser() || actor.role() == Role.CLIENT) {
            throw new ForbiddenException("clients cannot see workflow templates");
        }
    }
}
