package io.matterflow.access.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.SortedMap;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PutMapping;
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
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/** Changing a matter: its details and its status. Reading, opening and the team are {@code PeopleController}'s. */
@RestController
public class MatterController {

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
                               Boolean cancelActiveWorkflows,
                               @Schema(nullable = true, description = "The practice area; \"\" takes it away",
                                       example = "Litigation")
                               @Size(max = Matters.MAX_PRACTICE_AREA) String practiceArea) {

        MatterEdit edit() {
            if (clientId == null) {
                return new MatterEdit(reference, title, ownerId, null, false, practiceArea);
            }
            if (clientId.isNull()) {
                return new MatterEdit(reference, title, ownerId, null, true, practiceArea);
            }
            return new MatterEdit(reference, title, ownerId, client(clientId), false, practiceArea);
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
    @Operation(operationId = "updateMatter", tags = "People and matters", summary = "Change, close or reopen a matter")
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", content = @Content(mediaType = "application/problem+json",
            schema = @Schema(ref = "#/components/schemas/ProblemDetail")))
    MatterDetails update(Actor actor, @PathVariable UUID id, @Valid @RequestBody UpdateMatterRequest request) {
        return matters.update(actor, id, request.edit(), request.status(),
                Boolean.TRUE.equals(request.cancelActiveWorkflows()));
    }

    @Schema(description = "A matter's key dates, names in alphabetical order")
    record KeyDates(@Schema(description = "Each key date; names are distinct without regard to case")
                    List<Matters.KeyDate> keyDates) {

        static KeyDates of(SortedMap<String, LocalDate> dates) {
            return new KeyDates(dates.entrySet().stream().map(e -> new Matters.KeyDate(e.getKey(), e.getValue()))
                    .toList());
        }
    }

    @GetMapping("/api/matters/{id}/key-dates")
    @Operation(operationId = "matterKeyDates", tags = "People and matters", summary = "A matter's key dates")
    KeyDates keyDates(Actor actor, @PathVariable UUID id) {
        return KeyDates.of(matters.keyDates(actor, id));
    }

    @PutMapping("/api/matters/{id}/key-dates")
    @Operation(operationId = "setMatterKeyDates", tags = "People and matters",
            summary = "Replace a matter's key dates; due dates counting from them move")
    KeyDates setKeyDates(Actor actor, @PathVariable UUID id, @RequestBody KeyDates request) {
        return KeyDates.of(matters.setKeyDates(actor, id, request.keyDates()));
    }
}
