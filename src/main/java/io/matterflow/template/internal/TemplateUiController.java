package io.matterflow.template.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.data.domain.Sort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.RequestContextUtils;

import io.matterflow.action.ActionForms;
import io.matterflow.action.ActionType;
import io.matterflow.action.Outcome;
import io.matterflow.action.RoleScope;
import io.matterflow.common.FieldError;
import io.matterflow.common.TooLargeException;
import io.matterflow.common.ValidationException;
import io.matterflow.common.web.Flash;
import io.matterflow.common.web.Paging;
import io.matterflow.common.web.UiController;
import io.matterflow.condition.Conditions;
import io.matterflow.directory.Actor;
import io.matterflow.template.ConditionForm;
import io.matterflow.template.StepDefinition;
import io.matterflow.template.TemplateChanges;
import io.matterflow.template.TemplateDetails;
import io.matterflow.template.TemplateDocuments;
import io.matterflow.template.TemplateExport;
import io.matterflow.template.TemplateForm;
import io.matterflow.template.TemplatePaths;
import io.matterflow.template.TemplateTransfer;
import io.matterflow.template.Templates;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The template list and the template builder. */
@UiController
@RequestMapping("/workflows/templates")
class TemplateUiController {

    private final Templates templates;
    private final ActionForms forms;
    private final TemplateDocuments documents;
    private final TemplateTransfer transfer;
    private final Conditions conditions;

    TemplateUiController(Templates templates, ActionForms forms, TemplateDocuments documents,
                         TemplateTransfer transfer, Conditions conditions) {
        this.conditions = conditions;
        this.templates = templates;
        this.forms = forms;
        this.documents = documents;
        this.transfer = transfer;
    }

    /**
     * Stores the document a signature step of the draft asks the client to sign, and answers the step's document
     * field filled with it: the builder's "Upload and use".
     */
    @PostMapping(path = "/{id}/documents", consumes = org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE)
    String uploadDocument(Actor actor, @PathVariable UUID id, @RequestParam int index,
                          org.springframework.web.multipart.MultipartHttpServletRequest request, Model model,
                          jakarta.servlet.http.HttpServletResponse response) {
        var info = documents.upload(actor, id, () -> request.getFile("file"));
        io.matterflow.common.web.Flash.success(response, "Stored " + info.name() + "; save the draft to keep it on the step");
        model.addAttribute("i", index);
        model.addAttribute("documentId", info.id());
        return "template/builder :: signature-document";
    }

    @ModelAttribute
    void common(Model model) {
        model.addAttribute("section", "templates");
        model.addAttribute("roleScopes", RoleScope.values());
        model.addAttribute("forms", forms);
        model.addAttribute("actionTypes", forms.types());
    }

    @GetMapping
    String list(Actor actor, @RequestParam(required = false) String q, Model model, HttpServletRequest request) {
        model.addAttribute("q", q);
        model.addAttribute("templates", templates.search(actor, q, Paging.of(0, 200, Sort.by("name", "id"))).getContent());
        return Flash.isHtmx(request) && request.getHeader("HX-Target") != null
                && request.getHeader("HX-Target").equals("results") ? "template/list :: results" : "template/list";
    }

    /** The draft ({@code version} none) or a published version as a file to save, as the API's export answers it. */
    @GetMapping("/{id}/export")
    @ResponseBody
    ResponseEntity<TemplateExport> export(Actor actor, @PathVariable UUID id,
                                          @RequestParam(required = false) Integer version) {
        return TemplateController.attachment(transfer.export(actor, id, version));
    }

    /**
     * The list's "Import a template": the file becomes a new draft and the browser goes to its builder; a file that
     * cannot become one is answered with the list, its problems listed in the import form.
     */
    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    String importTemplate(Actor actor, MultipartHttpServletRequest request, Model model,
                          HttpServletResponse response) throws java.io.IOException {
        if (request.getContentLengthLong() > TemplateTransfer.MAX_FILE_BYTES + 64 * 1024) {
            throw new TooLargeException("the file is larger than the limit of " + TemplateTransfer.MAX_FILE_BYTES
                    + " bytes for a template file");
        }
        try {
            MultipartFile file = request.getFile("file");
            if (file == null || file.isEmpty()) {
                throw ValidationException.of("Invalid upload", "file",
                        "is required: a template file exported from Matterflow (.matterflow.json)");
            }
            if (file.getSize() > TemplateTransfer.MAX_FILE_BYTES) {
                throw ValidationException.of("Invalid upload", "file", "must be at most "
                        + TemplateTransfer.MAX_FILE_BYTES / 1024 + " KB");
            }
            TemplateDetails created;
            try (var content = file.getInputStream()) {
                created = transfer.importFile(actor, content);
            }
            String location = "/workflows/templates/" + created.id();
            FlashMap flash = RequestContextUtils.getOutputFlashMap(request);
            flash.put("flash", "Imported \"" + created.name() + "\" as a new draft with " + created.steps().size()
                    + (created.steps().size() == 1 ? " step" : " steps") + ". Check it, then publish it.");
            RequestContextUtils.saveOutputFlashMap(location, request, response);
            if (Flash.isHtmx(request)) {
                response.setHeader("HX-Redirect", request.getContextPath() + location);
                return null;
            }
            return "redirect:" + location;
        } catch (ValidationException e) {
            Flash.trigger(response, "error", "Not imported: the file has " + e.errors().size() + " problem"
                    + (e.errors().size() == 1 ? "" : "s"));
            model.addAttribute("importErrors", e.errors());
            if (Flash.isHtmx(request)) {
                return "template/list :: importer";
            }
            model.addAttribute("templates", templates.search(actor, null, Paging.of(0, 200, Sort.by("name", "id")))
                    .getContent());
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return "template/list";
        }
    }

    @PostMapping
    String create(Actor actor) {
        var template = templates.create(actor, "Untitled template", null, List.of());
        return "redirect:/workflows/templates/" + template.id();
    }

    @GetMapping("/{id}")
    String builder(Actor actor, @PathVariable UUID id, Model model) {
        var template = templates.get(actor, id);
        return render(model, template, TemplateForm.of(template, forms), Map.of());
    }

    /**
     * Saves the draft ({@code op=save}, also after drag-and-drop), or changes the rows on the page without saving:
     * {@code op=add} appends a step, {@code op=remove-N} removes row N.
     */
    @PostMapping("/{id}")
    String save(Actor actor, @PathVariable UUID id, @ModelAttribute("form") TemplateForm form,
                @RequestParam(defaultValue = "save") String op, Model model, HttpServletRequest request,
                HttpServletResponse response) {
        form.normalizeOrder();
        var template = templates.get(actor, id);
        if (op.equals("add")) {
            var row = new TemplateForm.Row();
            row.setTitle("");
            row.setOrder(form.getSteps().size());
            form.getSteps().add(row);
            return render(model, template, form, Map.of());
        }
        if (op.startsWith("remove-")) {
            form.remove(Integer.parseInt(op.substring("remove-".length())));
            return render(model, template, form, Map.of());
        }
        try {
            var saved = templates.update(actor, id, new TemplateChanges(form.getName(),
                    form.getDescription() == null ? "" : form.getDescription(), null, form.definitions(forms)));
            Flash.success(response, "Draft saved: " + saved.steps().size() + " steps");
            return render(model, saved, TemplateForm.of(saved, forms), Map.of());
        } catch (ValidationException e) {
            Flash.trigger(response, "error", "Not saved: " + e.errors().size() + " field"
                    + (e.errors().size() == 1 ? "" : "s") + " to fix");
            return render(model, template, form, errorMap(e.errors()));
        }
    }

    @PostMapping("/{id}/publish")
    String publish(Actor actor, @PathVariable UUID id, @RequestParam(defaultValue = "builder") String from,
                   Model model, HttpServletResponse response) {
        try {
            var published = templates.publish(actor, id);
            Flash.success(response, "Published \"" + published.name() + "\" as version " + published.version());
            if (from.equals("list")) {
                model.addAttribute("t", published);
                return "template/list :: row";
            }
            return render(model, published, TemplateForm.of(published, forms), Map.of());
        } catch (ValidationException e) {
            Flash.trigger(response, "error", "Not published: fix the highlighted fields");
            var template = templates.get(actor, id);
            return render(model, template, TemplateForm.of(template, forms), errorMap(e.errors()));
        }
    }

    @GetMapping("/{id}/config-fields")
    String configFields(Actor actor, @PathVariable UUID id, @RequestParam int index,
                        @RequestParam Map<String, String> params, Model model) {
        model.addAttribute("template", templates.get(actor, id));
        ActionType type = ActionType.of(params.getOrDefault("steps[" + index + "].actionType",
                ActionType.CHECKLIST.name()));
        var row = new TemplateForm.Row();
        row.setActionType(type);
        model.addAttribute("row", row);
        model.addAttribute("i", index);
        model.addAttribute("errors", Map.of());
        return "template/builder :: config";
    }

    private String render(Model model, TemplateDetails template, TemplateForm form, Map<String, String> errors) {
        model.addAttribute("template", template);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("preview", preview(form));
        List<StepDefinition> definitions = form.definitions(forms);
        model.addAttribute("paths", TemplatePaths.of(definitions, conditions));
        model.addAttribute("choices", choices(form, definitions));
        var request = ((org.springframework.web.context.request.ServletRequestAttributes)
                org.springframework.web.context.request.RequestContextHolder.currentRequestAttributes()).getRequest();
        return Flash.isHtmx(request) ? "template/builder :: editor" : "template/builder";
    }

    /**
     * Per row, the tests its condition may choose: each earlier row's outcomes, then the matter's practice area and key
     * dates. A test a row has chosen that is no longer offered (its step changed type) stays, marked, so that saving
     * names the problem rather than dropping the test.
     */
    private List<List<ConditionForm.Choice>> choices(TemplateForm form, List<StepDefinition> definitions) {
        List<List<ConditionForm.Choice>> all = new ArrayList<>();
        for (int i = 0; i < definitions.size(); i++) {
            List<ConditionForm.Choice> choices = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                StepDefinition earlier = definitions.get(j);
                String title = earlier.title() == null || earlier.title().isBlank() ? "(untitled)" : earlier.title();
                for (Outcome o : conditions.outcomes(new Conditions.NamedStep(title, earlier.actionType(),
                        earlier.actionConfig()))) {
                    choices.add(new ConditionForm.Choice(ConditionForm.test(j, o.name(), o.item()),
                            "Step " + (j + 1) + " \u201c" + title + "\u201d " + o.label()));
                }
            }
            choices.add(new ConditionForm.Choice(ConditionForm.AREA, "The matter's practice area is \u2026"));
            choices.add(new ConditionForm.Choice(ConditionForm.KEY_DATE, "The matter has the key date \u2026"));
            for (ConditionForm.ClauseForm clause : form.getSteps().get(i).getCondition().getClauses()) {
                if (clause != null && !clause.getTest().isBlank()
                        && choices.stream().noneMatch(c -> c.value().equals(clause.getTest()))) {
                    choices.add(new ConditionForm.Choice(clause.getTest(), clause.getTest()
                            + " (no longer an outcome of that step)"));
                }
            }
            all.add(choices);
        }
        return all;
    }

    /** What an instance made from this draft would look like at the start: READY up to the first required step. */
    static List<Map<String, Object>> preview(TemplateForm form) {
        List<Map<String, Object>> rows = new ArrayList<>();
        boolean blocked = false;
        for (TemplateForm.Row row : form.getSteps()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("title", row.getTitle() == null || row.getTitle().isBlank() ? "(untitled step)" : row.getTitle());
            r.put("type", row.getActionType());
            r.put("required", row.isRequired());
            r.put("state", blocked ? "PENDING" : "READY");
            rows.add(r);
            if (row.isRequired()) {
                blocked = true;
            }
        }
        return rows;
    }

    private static Map<String, String> errorMap(List<FieldError> errors) {
        Map<String, String> map = new LinkedHashMap<>();
        errors.forEach(e -> map.merge(e.field(), e.message(), (a, b) -> a + "; " + b));
        return map;
    }
}
