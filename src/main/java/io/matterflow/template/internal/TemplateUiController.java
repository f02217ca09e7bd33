package io.matterflow.template.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.data.domain.Sort;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.matterflow.action.ActionForms;
import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.common.FieldError;
import io.matterflow.common.web.Flash;
import io.matterflow.common.web.Paging;
import io.matterflow.common.web.UiController;
import io.matterflow.common.ValidationException;
import io.matterflow.directory.Actor;
import io.matterflow.template.TemplateChanges;
import io.matterflow.template.TemplateDetails;
import io.matterflow.template.TemplateDocuments;
import io.matterflow.template.TemplateForm;
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

    TemplateUiController(Templates templates, ActionForms forms, TemplateDocuments documents) {
        this.templates = templates;
        this.forms = forms;
        this.documents = documents;
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
        var request = ((org.springframework.web.context.request.ServletRequestAttributes)
                org.springframework.web.context.request.RequestContextHolder.currentRequestAttributes()).getRequest();
        return Flash.isHtmx(request) ? "template/builder :: editor" : "template/builder";
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
