package io.matterflow.calendar;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A step's due date and how it was computed: the rule, the anchor as resolved, the calendar's version and time
 * zone, the days stepped over, and the whole in words. {@code at} is null while the anchor has not happened. With
 * an {@code override}, {@code at} is the date set by hand and the rest tells what the rule would give.
 */
@Schema(description = "When the step is due and how that was computed")
public record Due(@Schema(nullable = true, description = "When the step is due; null while its anchor has not happened")
                  Instant at,
                  @Schema(nullable = true, description = "The rule; null for a date only set by hand") DueRule rule,
                  @Schema(nullable = true) AnchorPoint anchor,
                  @Schema(description = "How the date was computed, in words", example = "3 business days after"
                          + " \u201cConflict check\u201d completed (Fri 6 Mar 2026): Thu 12 Mar 2026, stepping over Sat 7 Mar,"
                          + " Sun 8 Mar and Mon 9 Mar (Holiday: Commonwealth Day); due at close of business, 17:00"
                          + " Europe/London") String explanation,
                  @Schema(nullable = true, description = "The firm calendar's version it was computed with",
                          example = "3") Long calendarVersion,
                  @Schema(nullable = true, example = "Europe/London") String timeZone,
                  @Schema(description = "Weekends and holidays the computation stepped over") List<SkippedDay> skipped,
                  @Schema(nullable = true) DueOverride override) {

    public Due {
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
    }

    /** The same computation with the date set by hand. */
    public Due overriddenBy(DueOverride override) {
        return new Due(override.at(), rule, anchor, explanation, calendarVersion, timeZone, skipped, override);
    }
}
