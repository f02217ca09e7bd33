package io.matterflow.access.internal;

import java.util.UUID;

import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.matterflow.access.Matters;
import io.matterflow.common.ValidationException;
import io.matterflow.directory.Actor;
import io.matterflow.directory.MatterDetails;
import io.matterflow.directory.MatterEdit;
import io.matterflow.directory.MatterStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/** Changing a matter: its details and its status. Reading, opening and the team are {@code PeopleController}'s. */
@RestController
class MatterController {

    private final Matters matters;

    MatterController(Matters matters) {
        this.matters = matters;
    }

    /**
     * {@code clientId} is read as JSON so that an explicit {@code null} (no client any more) differs from an absent
     * field (unchanged); every other null field stays as it is.
     */
    record UpdateMatterRequest(@Schema(description = "The firm's reference, unique in the firm", example = "2026-001")
                               @Size(min = 1, max = Matters.MAX_REFERENCE) String reference,
                               @Schema(example = "Acme v. Widget Co") @Size(min = 1, max = Matters.MAX_TITLE)
                               String title,
                               @Schema(description = "The owning lawyer (a lawyer or an admin of the firm)")
                               UUID ownerId,
                               @Schema(implementation = UUID.class, nullable = true,
                                       description = "The client (a client of the firm); `null` leaves the matter"
                                               + " without one")
                               JsonNode clientId,
                               @Schema(description = "CLOSED: no new workflows, refused (409) while workflows are"
                                       + " unfinished unless `cancelActiveWorkflows`; OPEN reopens it")
                               MatterStatus status,
                               @Schema(description = "With `status: CLOSED`: cancel the matter's DRAFT, ACTIVE and"
                                       + " PAUSED workflows and close it, in one transaction (default false)")
                               Boolean cancelActiveWorkflows) {

        MatterEdit edit() {
            if (clientId == null) {
                return new MatterEdit(reference, title, ownerId, null, false);
            }
            if (clientId.isNull()) {
                return new MatterEdit(reference, title, ownerId, null, true);
            }
            return new MatterEdit(reference, title, ownerId, client(clientId), false);
        }

        private static UUID client(JsonNode value) {
            if (value.isString()) {
                try {
                    String text = value.asString();
                    if (text.length() == 36) {
                        return UUID.fromString(text);
                    }
                } catch (IllegalArgumentException e) {
                    // answered below
                }
            }
            throw ValidationException.of("Invalid request", "clientId", "must be a UUID or null");
        }
    }

    @PatchMapping("/api/matters/{id}")
    @Operation(operationId = "updateMatter", tags = "People and matters", summary = "Change, close or reopen a matter",
            description = "Admins and the matter's owner. Any of `reference` (unique in the firm: 409 `Reference in"
                    + " use` otherwise), `title`, `ownerId`, `clientId` (`null`: no client) and `status`; absent"
                    + " fields stay as they are. A new owner or client changes who may act on the matter at once."
                    + " Closing a matter with DRAFT, ACTIVE or PAUSED workflows is refused with 409 `Unfinished"
                    + " workflows` listing them (`workflows`: id, title, status), unless `cancelActiveWorkflows` is"
                    + " true: then they are canceled, each audited as its instance's status change by the caller, and"
                    + " the matter closes, all in one transaction. A closed matter takes no new workflows (409) until"
                    + " it is reopened (`status: OPEN`); workflows canceled by the close stay canceled.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = {
                    @ExampleObject(name = "rename", summary = "A new title and owner",
                            value = MatterExamples.UPDATE),
                    @ExampleObject(name = "close", summary = "Close, cancelling unfinished workflows",
                            value = MatterExamples.CLOSE),
                    @ExampleObject(name = "reopen", summary = "Reopen a closed matter",
                            value = MatterExamples.REOPEN)})))
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true, description = "The matter as it is now",
            content = @Content(examples = @ExampleObject(name = "closed", value = MatterExamples.CLOSED)))
    @ApiResponse(responseCode = "409", description = "The reference is in use, the matter has unfinished workflows"
            + " (listed), or someone else changed it at the same time",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/ProblemDetail"), examples = {
                    @ExampleObject(name = "unfinished", value = MatterExamples.UNFINISHED),
                    @ExampleObject(name = "reference", value = MatterExamples.REFERENCE_IN_USE)}))
    MatterDetails update(Actor actor, @PathVariable UUID id, @Valid @RequestBody UpdateMatterRequest request) {
        return matters.update(actor, id, request.edit(), request.status(),
                Boolean.TRUE.equals(request.cancelActiveWorkflows()));
    }
}
