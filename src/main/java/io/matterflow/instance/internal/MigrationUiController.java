package io.matterflow.instance.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.matterflow.common.FieldError;
import io.matterflow.common.ValidationException;
import io.matterflow.common.web.UiController;
import io.matterflow.directory.Actor;
import io.matterflow.instance.MigrationReport;
import io.matterflow.instance.Migrations;
import io.matterflow.template.PublishedTemplate;
import io.matterflow.template.Templates;

/**
 * "Migrate running instances" on a template's page: choose the versions, read the dry run (each instance, its
 * matter, each step's change and the blockers), confirm, read the results. Admins only, as the API.
 */
@UiController
@RequestMapping("/workflows/templates/{id}/migrations")
class MigrationUiController {

    private final Migrations migrations;
    private final Templates templates;

    MigrationUiController(Migrations migrations, Templates templates) {
        this.migrations = migrations;
        this.templates = templates;
    }

    /** The version picker; with {@code from} and {@code to}, the dry run's table and the confirm button. */
    @GetMapping
    String plan(Actor actor, @PathVariable UUID id, @RequestParam(required = false) Integer from,
                @RequestParam(required = false) Integer to, Model model) {
        Migrations.requireAdmin(actor);
        List<Integer> versions = common(actor, id, model);
        int newest = versions.isEmpty() ? 0 : versions.get(versions.size() - 1);
        model.addAttribute("from", from == null ? Math.max(1, newest - 1) : from);
        model.addAttribute("to", to == null ? newest : to);
        model.addAttribute("errors", Map.of());
        if (from != null && to != null) {
            try {
                model.addAttribute("report", migrations.migrate(actor, id,
                        new Migrations.Request(from, to, null, true)));
            } catch (ValidationException e) {
                model.addAttribute("errors", e.errors().stream()
                        .collect(Collectors.toMap(FieldError::field, FieldError::message, (a, b) -> a)));
            }
        }
        return "instance/migration";
    }

    /** Runs the migration confirmed on the dry run's page and shows its results. */
    @PostMapping
    String migrate(Actor actor, @PathVariable UUID id, @RequestParam int from, @RequestParam int to) {
        var report = migrations.migrate(actor, id, new Migrations.Request(from, to, null, false));
        return "redirect:/workflows/templates/" + id + "/migrations/" + report.id();
    }

    @GetMapping("/{migrationId}")
    String result(Actor actor, @PathVariable UUID id, @PathVariable UUID migrationId, Model model) {
        Migrations.requireAdmin(actor);
        common(actor, id, model);
        MigrationReport report = migrations.get(actor, id, migrationId);
        model.addAttribute("report", report);
        model.addAttribute("from", report.fromVersion());
        model.addAttribute("to", report.toVersion());
        model.addAttribute("errors", Map.of());
        return "instance/migration";
    }

    private List<Integer> common(Actor actor, UUID id, Model model) {
        model.addAttribute("section", "templates");
        model.addAttribute("template", templates.get(actor, id));
        List<Integer> versions = new ArrayList<>(templates.versions(actor, id).stream()
                .map(PublishedTemplate::version).sorted(Comparator.naturalOrder()).toList());
        model.addAttribute("versions", versions);
        return versions;
    }
}
