package io.matterflow.instance.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.data.domain.Sort;
import org.springframework.http.MediaType;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.matterflow.access.MatterAccess;
import io.matterflow.access.Matters;
import io.matterflow.action.ActionEvent;
import io.matterflow.action.ActionForms;
import io.matterflow.action.ActionState;
import io.matterflow.action.ActionType;
import io.matterflow.action.DocumentInfo;
import io.matterflow.action.RoleScope;
import io.matterflow.audit.AuditEvent;
import io.matterflow.calendar.DueRuleForm;
import io.matterflow.common.web.Flash;
import io.matterflow.common.web.Paging;
import io.matterflow.common.web.UiController;
import io.matterflow.calendar.BusinessCalendars;
import io.matterflow.common.ValidationException;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Directory;
import io.matterflow.directory.MatterDetails;
import io.matterflow.directory.Role;
import io.matterflow.directory.UserAccount;
import io.matterflow.instance.ClientView;
import io.matterflow.instance.DocumentReads;
import io.matterflow.instance.Deadlines;
import io.matterflow.instance.Inbox;
import io.matterflow.instance.InstanceDetails;
import io.matterflow.instance.InstanceDocuments;
import io.matterflow.instance.Instances;
import io.matterflow.instance.LateProviderEvent;
import io.matterflow.instance.LateProviderEvents;
import io.matterflow.instance.StepDetails;
import io.matterflow.instance.StepConditions;
import io.matterflow.instance.StepDocuments;
import io.matterflow.instance.StepRuntime;
import io.matterflow.instance.WorkflowStatus;
import io.matterflow.template.Templates;
import jakarta.servlet.http.HttpServletResponse;

/** Matters, their Workflows tab, the run view with its instance editor, and the inbox. */
@UiController
class WorkflowUiController {

    static final List<ActionState> GROUPS = List.of(ActionState.READY, ActionState.IN_PROGRESS, ActionState.BLOCKED,
            ActionState.PENDING, ActionState.FAILED, ActionState.COMPLETED, ActionState.SKIPPED);

    /** The names a config field may have on the page. */
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z0-9_]+");

    private final Matters matters;
    private final MatterAccess matterAccess;
    private final Instances instances;
    private final StepRuntime runtime;
    private final StepDocuments documents;
    private final Templates templates;
    private final Directory directory;
    private final Inbox inbox;
    private final ActionForms forms;
    private final InstanceDocuments instanceDocuments;
    private final DocumentReads reads;
    private final BusinessCalendars calendars;
    private final Deadlines deadlines;
    private final LateProviderEvents lateEvents;

    private final StepConditions stepConditions;

    WorkflowUiController(Matters matters, MatterAccess matterAccess, Instances instances, StepRuntime runtime,
                         StepDocuments documents, Templates templates, Directory directory,
                         Inbox inbox, ActionForms forms, DocumentReads reads,
                         InstanceDocuments instanceDocuments, BusinessCalendars calendars, Deadlines deadlines,
                         StepConditions stepConditions, LateProviderEvents lateEvents) {
        this.stepConditions = stepConditions;
        this.lateEvents = lateEvents;
        this.reads = reads;
        this.calendars = calendars;
        this.deadlines = deadlines;
        this.matters = matters;
        this.matterAccess = matterAccess;
        this.instances = instances;
        this.runtime = runtime;
        this.documents = documents;
        this.templates = templates;
        this.directory = directory;
        this.inbox = inbox;
        this.forms = forms;
        this.instanceDocuments = instanceDocuments;
    }

    @GetMapping("/inbox")
    String inbox(Actor actor, @RequestParam(required = false) String due, Model model) {
        model.addAttribute("section", "inbox");
        model.addAttribute("due", due == null || due.isEmpty() ? null : due);
        model.addAttribute("items", inbox.of(actor, false, null, StepController.dueFilter(due), Inbox.Order.DUE,
                Paging.of(0, 200)).getContent());
        model.addAttribute("names", names(actor));
        return "instance/inbox";
    }

    @GetMapping("/matters")
    String matters(Actor actor, Model model) {
        model.addAttribute("section", "matters");
        model.addAttribute("matters", matters.visible(actor, Paging.of(0, 200,
                Sort.by(Sort.Direction.DESC, "createdAt"))).getContent());
        model.addAttribute("names", names(actor));
        boolean canCreate = matters.canCreate(actor);
        model.addAttribute("canCreate", canCreate);
        if (canCreate) {
            List<UserAccount> people = directory.users(actor.orgId());
            model.addAttribute("owners", people.stream()
                    .filter(u -> u.role() == Role.LAWYER || u.role() == Role.ADMIN).toList());
            model.addAttribute("clients", people.stream().filter(u -> u.role() == Role.CLIENT).toList());
        }
        return "instance/matters";
    }

    @GetMapping("/matters/{id}")
    String matter(Actor actor, @PathVariable UUID id, Model model) {
        MatterDetails matter = matters.get(actor, id);
        model.addAttribute("section", "matters");
        model.addAttribute("tab", "workflows");
        model.addAttribute("matter", matter);
        model.addAttribute("instances", instances.forMatter(actor, id, Paging.of(0, 200)).getContent());
        model.addAttribute("names", names(actor));
        model.addAttribute("canManage", matterAccess.canManage(matter, actor));
        model.addAttribute("nextDeadline", deadlines.nextForMatter(actor, matter).orElse(null));
        boolean canStart = matterAccess.canInstantiate(matter, actor) && !matter.isClosed();
        model.addAttribute("canStart", canStart);
        if (canStart) {
            model.addAttribute("templates", templates.search(actor, null, Paging.of(0, 200, Sort.by("name"))).stream()
                    .filter(t -> t.isActive() && t.version() > 0).toList());
        }
        return "instance/matter";
    }

    @PostMapping("/matters/{id}/workflows")
    String instantiate(Actor actor, @PathVariable UUID id, @RequestParam UUID templateId,
                       @RequestParam(required = false) String title,
                       @RequestParam(defaultValue = "false") boolean draft, RedirectAttributes redirect) {
        var instance = instances.instantiate(actor, new Instances.Instantiate(templateId, id,
                title == null || title.isBlank() ? null : title, !draft, null));
        redirect.addFlashAttribute("flash", "Started \"" + instance.title() + "\"");
        return "redirect:/matters/" + id + "/workflows/" + instance.id();
    }

    @GetMapping("/matters/{matterId}/workflows/{id}")
    String run(Actor actor, @PathVariable UUID matterId, @PathVariable UUID id, Model model) {
        return render(actor, id, model, "instance/run");
    }

    @PostMapping("/workflows/steps/{id}/{event}")
    String act(Actor actor, @PathVariable UUID id, @PathVariable String event,
               @RequestParam MultiValueMap<String, String> params, Model model, HttpServletResponse response) {
        ActionEvent action = parseEvent(event);
        StepDetails step = switch (action) {
            case CLAIM -> runtime.claim(actor, id);
            case UNCLAIM -> runtime.unclaim(actor, id);
            case START -> runtime.start(actor, id);
            case COMPLETE -> runtime.complete(actor, id,
                    forms.payload(instances.step(actor, id).actionType(), params));
            case FAIL -> runtime.fail(actor, id, params.getFirst("reason"));
            case BLOCK -> runtime.block(actor, id, params.getFirst("reason"));
            case UNBLOCK -> runtime.unblock(actor, id);
            case SKIP -> runtime.skip(actor, id, blankToNull(params.getFirst("reason")));
            case RETRY -> runtime.retry(actor, id);
            case ASSIGN -> runtime.assign(actor, id, userId(params.getFirst("userId")));
            default -> throw ValidationException.of("Invalid request", "event", "is not an event you can raise");
        };
        Flash.success(response, "\"" + step.title() + "\": " + describe(action, step));
        return render(actor, step.instanceId(), model, "instance/run :: content");
    }

    /** As the API's upload: the step is checked before the (lazily parsed) part is read, and the file is streamed. */
    @PostMapping(path = "/workflows/steps/{id}/upload", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    String upload(Actor actor, @PathVariable UUID id, MultipartHttpServletRequest request, Model model,
                  HttpServletResponse response) {
        DocumentInfo info = documents.upload(actor, id, () -> request.getFile("file"));
        Flash.success(response, "Uploaded " + info.name());
        return render(actor, instances.instanceOfStep(actor, id), model, "instance/run :: content");
    }

    /**
     * Stores the document a signature step of the instance asks the client to sign, and answers the step's document
     * field ({@code field}, a config field of the DOCUMENT kind) filled with it: the instance editor's "Upload and use".
     */
    @PostMapping(path = "/workflows/instances/{id}/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    String uploadDocument(Actor actor, @PathVariable UUID id, @RequestParam UUID stepId,
                          @RequestParam(defaultValue = "documentId") String field, MultipartHttpServletRequest request,
                          Model model, HttpServletResponse response) {
        if (!FIELD_NAME.matcher(field).matches()) {
            throw ValidationException.of("Invalid request", "field", "is not a settings field");
        }
        var info = instanceDocuments.upload(actor, id, () -> request.getFile("file"));
        Flash.success(response, "Stored " + info.name() + "; save the step's settings to use it");
        model.addAttribute("stepId", stepId);
        model.addAttribute("field", field);
        model.addAttribute("documentId", info.id());
        return "instance/run-editor :: document-field";
    }

    /** Sets the step's due date by hand ({@code at}, local time in the firm's zone) or, with {@code clear}, gives it back to its rule. */
    @PostMapping("/workflows/steps/{id}/due")
    String setDue(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String at,
                  @RequestParam(required = false) String reason, @RequestParam(defaultValue = "false") boolean clear,
                  Model model, HttpServletResponse response) {
        Instant when = null;
        if (!clear) {
            try {
                when = LocalDateTime.parse(at == null ? "" : at).atZone(calendars.of(actor.orgId()).zone()).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                throw ValidationException.of("Invalid due date", "at", "must be a date and time");
            }
        }
        var step = instances.setDue(actor, id, when, reason);
        Flash.success(response, "\"" + step.title() + "\": " + (clear ? "due date given back to its rule"
                : "due date set"));
        return render(actor, step.instanceId(), model, "instance/run :: content");
    }

    @PostMapping("/workflows/instances/{id}/update")
    String update(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String title,
                  @RequestParam(required = false) WorkflowStatus status, Model model, HttpServletResponse response) {
        var updated = instances.update(actor, id, blankToNull(title), status);
        Flash.success(response, status != null ? "Workflow is now " + updated.status() : "Workflow renamed");
        model.addAttribute("editorOpen", true);
        return render(actor, id, model, "instance/run :: content");
    }

    @PostMapping("/workflows/instances/{id}/steps")
    String addStep(Actor actor, @PathVariable UUID id, @RequestParam String title, @RequestParam ActionType actionType,
                   @RequestParam RoleScope roleScope, @RequestParam(defaultValue = "false") boolean required,
                   @RequestParam(defaultValue = "false") boolean clientVisible, @ModelAttribute DueRuleForm due,
                   @RequestParam Map<String, String> params, Model model, HttpServletResponse response) {
        instances.addStep(actor, id, new Instances.NewStep(title, actionType, roleScope, required,
                forms.toConfig(actionType, configValues(params)), null, clientVisible, due.toRule()));
        Flash.success(response, "Added step \"" + title + "\"");
        model.addAttribute("editorOpen", true);
        return render(actor, id, model, "instance/run :: content");
    }

    @PostMapping("/workflows/instances/{id}/steps/{stepId}/edit")
    String editStep(Actor actor, @PathVariable UUID id, @PathVariable UUID stepId,
                    @RequestParam(required = false) String title, @RequestParam(required = false) RoleScope roleScope,
                    @ModelAttribute DueRuleForm due, @RequestParam Map<String, String> params, Model model,
                    HttpServletResponse response) {
        var current = instances.step(actor, stepId);
        Map<String, String> values = configValues(params);
        Map<String, Object> config = values.isEmpty() ? Map.of() : forms.toConfig(current.actionType(), values);
        boolean notStarted = current.actionState() == ActionState.PENDING || current.actionState() == ActionState.READY;
        instances.editStep(actor, id, stepId, new Instances.StepChanges(blankToNull(title),
                notStarted && roleScope != current.roleScope() ? roleScope : null,
                notStarted && params.containsKey("required") ? Boolean.valueOf(params.get("required")) : null,
                notStarted && !values.isEmpty() ? config : null, null,
                params.containsKey("clientVisible") ? Boolean.valueOf(params.get("clientVisible")) : null,
                due.toRule(), due.removesRule() ? Boolean.TRUE : null));
        Flash.success(response, "Saved step \"" + (title == null ? current.title() : title) + "\"");
        model.addAttribute("editorOpen", true);
        return render(actor, id, model, "instance/run :: content");
    }

    @PostMapping("/workflows/instances/{id}/steps/{stepId}/remove")
    String removeStep(Actor actor, @PathVariable UUID id, @PathVariable UUID stepId, Model model,
                      HttpServletResponse response) {
        instances.removeStep(actor, id, stepId);
        Flash.success(response, "Step removed");
        model.addAttribute("editorOpen", true);
        return render(actor, id, model, "instance/run :: content");
    }

    @PostMapping("/workflows/instances/{id}/reorder")
    String reorder(Actor actor, @PathVariable UUID id, @RequestParam("stepIds") List<UUID> stepIds, Model model,
                   HttpServletResponse response) {
        instances.reorder(actor, id, stepIds);
        Flash.success(response, "Step order saved");
        model.addAttribute("editorOpen", true);
        return render(actor, id, model, "instance/run :: content");
    }

    private String render(Actor actor, UUID instanceId, Model model, String view) {
        InstanceDetails instance = instances.get(actor, instanceId);
        MatterDetails matter = matters.get(actor, instance.matterId());
        Map<ActionState, List<StepDetails>> groups = new EnumMap<>(ActionState.class);
        GROUPS.forEach(g -> groups.put(g, new ArrayList<>()));
        Map<UUID, Set<String>> allowed = new HashMap<>();
        Map<UUID, List<AuditEvent>> history = new HashMap<>();
        Map<UUID, List<UUID>> assignees = new HashMap<>();
        for (StepDetails step : instance.steps()) {
            if (runtime.canAssign(actor, instance, step)) {
                assignees.put(step.id(), runtime.eligiblePerformers(instance, step));
            }
            groups.get(step.actionState()).add(step);
            allowed.put(step.id(), runtime.allowedEvents(actor, instance, step).stream().map(ActionEvent::route)
                    .collect(Collectors.toSet()));
            history.put(step.id(), new ArrayList<>());
            if (ClientView.applies(actor) && ClientView.seesContent(step)) {
                history.get(step.id()).addAll(instances.history(actor, step.id()));
            }
        }
        if (!ClientView.applies(actor)) {
            for (AuditEvent event : instances.audit(actor, instance.id())) {
                if (history.containsKey(event.entityId())) {
                    history.get(event.entityId()).add(event);
                }
            }
        }
        long done = instance.steps().stream().filter(s -> s.actionState().isDone()).count();
        // what providers reported after a step had moved on (a payment for a skipped step): the firm's record
        Map<UUID, List<LateProviderEvent>> late = ClientView.applies(actor) ? Map.of()
                : lateEvents.of(instance.orgId(), instance.id()).stream()
                        .collect(Collectors.groupingBy(LateProviderEvent::stepId));
        model.addAttribute("lateEvents", late);
        model.addAttribute("section", "matters");
        model.addAttribute("instance", instance);
        model.addAttribute("matter", matter);
        model.addAttribute("conditions", stepConditions.inWords(instance.steps()));
        model.addAttribute("groups", groups);
        model.addAttribute("allowed", allowed);
        model.addAttribute("history", history);
        model.addAttribute("documents", new ShownDocuments(actor, documents, reads));
        model.addAttribute("assignees", assignees);
        model.addAttribute("names", names(actor));
        model.addAttribute("done", done);
        model.addAttribute("canEdit", matterAccess.canEdit(matter, actor) && !instance.status().isFinal());
        model.addAttribute("canManage", matterAccess.canManage(matter, actor) && !instance.status().isFinal());
        model.addAttribute("timeZone", calendars.of(actor.orgId()).zone().getId());
        model.addAttribute("actionTypes", forms.types());
        model.addAttribute("roleScopes", RoleScope.values());
        model.addAttribute("forms", forms);
        model.addAttribute("dueRules", instance.steps().stream().collect(Collectors.toMap(StepDetails::id,
                s -> DueRuleForm.of(s.due() == null ? null : s.due().rule()))));
        model.addAttribute("newDueRule", new DueRuleForm());
        model.addAttribute("stepChoices", instance.steps().stream()
                .map(s -> new DueRuleForm.StepChoice(s.id().toString(), s.title())).toList());
        return view;
    }

    private Map<UUID, String> names(Actor actor) {
        Map<UUID, String> names = new LinkedHashMap<>();
        for (UserAccount user : directory.users(actor.orgId())) {
            names.put(user.id(), user.displayName());
        }
        return names;
    }

    /** The step settings posted as {@code config.<field>}, as text for the action type's form. */
    private static Map<String, String> configValues(Map<String, String> params) {
        Map<String, String> values = new LinkedHashMap<>();
        params.forEach((key, value) -> {
            if (key.startsWith("config.")) {
                values.put(key.substring("config.".length()), value);
            }
        });
        return values;
    }

    private static ActionEvent parseEvent(String event) {
        for (ActionEvent e : ActionEvent.values()) {
            if (e.route().equals(event) && !e.isSystemOnly()) {
                return e;
            }
        }
        throw ValidationException.of("Invalid request", "event", "is not a step event");
    }

    private static String describe(ActionEvent event, StepDetails step) {
        return switch (event) {
            case CLAIM -> "claimed — it is yours now";
            case UNCLAIM -> "released for someone else to claim";
            case START -> "started";
            case COMPLETE -> step.actionState() == ActionState.FAILED ? "rejected" : "completed";
            case FAIL -> "marked failed";
            case BLOCK -> "blocked";
            case UNBLOCK -> "unblocked";
            case SKIP -> "skipped";
            case RETRY -> "reopened for another attempt";
            case ASSIGN -> step.assignedToId() == null ? "back in the pool for anyone to claim" : "assigned";
            default -> step.actionState().name();
        };
    }

    private static UUID userId(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ValidationException.of("Invalid request", "userId", "must be a person's id or empty");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

}
