package io.matterflow.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Where a due date counts from, as resolved for one step: a moment ({@code at}: a step became READY or completed,
 * the instance started) or a date ({@code date}: a matter's key date). Both null while the anchor has not happened
 * (the other step is not complete, the key date is not set): the step has no due date yet.
 */
@Schema(description = "What the due date counts from, resolved: a moment (`at`) or a key date (`date`); both null"
        + " while it has not happened yet")
public record AnchorPoint(DueAnchor kind,
                          @Schema(nullable = true, description = "STEP_COMPLETED: the other step") UUID stepId,
                          @Schema(nullable = true, description = "KEY_DATE: the key date's name") String keyDate,
                          @Schema(description = "The anchor in words", example = "\u201cConflict check\u201d completed")
                          String label,
                          @Schema(nullable = true) Instant at,
                          @Schema(nullable = true) LocalDate date) {

    public boolean known() {
        return at != null || date != null;
    }
}
