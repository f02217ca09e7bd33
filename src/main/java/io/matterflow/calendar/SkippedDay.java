package io.matterflow.calendar;

import java.time.LocalDate;

import io.swagger.v3.oas.annotations.media.Schema;

/** A day a business-day count stepped over, or a calendar-day result moved off, and why. */
@Schema(description = "A day the computation stepped over and why")
public record SkippedDay(LocalDate date, @Schema(example = "Holiday: Christmas Day") String reason) {
}
