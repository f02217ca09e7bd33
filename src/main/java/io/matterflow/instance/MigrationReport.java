package io.matterflow.instance;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** What a migration of a template's running instances did, or (a dry run) would do. */
@Schema(description = "A migration of a template's running instances to another version: per instance, its plan and"
        + " result")
public record MigrationReport(
        @Schema(nullable = true, description = "null for a dry run") UUID id,
        UUID templateId, int fromVersion, int toVersion,
        @Schema(description = "DRY_RUN (nothing changed), RUNNING (instances are still being migrated, or will be by"
                + " the migration's task) or DONE", example = "DONE") String status,
        UUID requestedById, Instant createdAt,
        @Schema(nullable = true, description = "null until DONE") Instant finishedAt,
        @Schema(description = "One per candidate instance, oldest first") List<Item> items,
        @Schema(description = "Instances asked for (instanceIds) that are not candidates, and why")
        List<NotCandidate> notCandidates) {

    @Schema(name = "MigrationItem", description = "One instance of a migration")
    public record Item(UUID instanceId, String instanceTitle, UUID matterId, String matterTitle,
                       @Schema(description = "In a dry run: PLANNED (would be migrated) or BLOCKED. Otherwise PENDING"
                               + " (not yet run), MIGRATED, BLOCKED (left as it was) or SKIPPED (no longer a"
                               + " candidate when its turn came)", example = "MIGRATED") String status,
                       @Schema(nullable = true, description = "Why it was skipped") String reason,
                       @Schema(nullable = true, description = "The plan it was (or would be) migrated by; null while"
                               + " PENDING or when SKIPPED") MigrationPlan plan,
                       @Schema(nullable = true) Instant finishedAt) {
    }

    @Schema(name = "MigrationNotCandidate", description = "An instance asked for that is not migrated, and why")
    public record NotCandidate(UUID instanceId, String reason) {
    }
}
