package io.matterflow.calendar;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** A due date set by hand, which recomputation leaves alone until it is cleared. */
@Schema(description = "A due date set by hand: recomputation leaves it alone until it is cleared")
public record DueOverride(Instant at, @Schema(example = "Client asked for a week more") String reason, UUID byId,
                          String byName, Instant setAt) {
}
