package io.matterflow.instance.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.matterflow.directory.Actor;
import io.matterflow.instance.MigrationReport;
import io.matterflow.instance.Migrations;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/workflows/templates/{id}/migrations")
@Tag(name = "Template migrations", description = "Moving a template's running instances to another published version")
class MigrationController {

    private final Migrations migrations;

    MigrationController(Migrations migrations) {
        this.migrations = migrations;
    }

    record MigrationRequest(@Schema(description = "The version the instances run now", example = "1")
                            Integer fromVersion,
                            @Schema(description = "The version to move them to", example = "2") Integer toVersion,
                            @Schema(nullable = true, description = "Only these instances (each must be a candidate, or"
                                    + " it is reported in notCandidates); omitted: every candidate")
                            List<UUID> instanceIds,
                            @Schema(description = "true: plan only, change nothing; false: migrate")
                            Boolean dryRun) {
    }

    @PostMapping
    @Operation(operationId = "migrateInstances", summary = "Plan or run a migration of running instances")
    MigrationReport migrate(Actor actor, @PathVariable UUID id, @RequestBody MigrationRequest request) {
        return migrations.migrate(actor, id, new Migrations.Request(request.fromVersion(), request.toVersion(),
                request.instanceIds(), request.dryRun()));
    }

    @GetMapping("/{migrationId}")
    @Operation(operationId = "getMigration", summary = "Read a migration's report")
    MigrationReport get(Actor actor, @PathVariable UUID id, @PathVariable UUID migrationId) {
        return migrations.get(actor, id, migrationId);
    }
}
