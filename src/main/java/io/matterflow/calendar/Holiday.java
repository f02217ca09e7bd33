package io.matterflow.calendar;

import java.time.LocalDate;

import io.swagger.v3.oas.annotations.media.Schema;

/** A day the firm is closed, by name. */
@Schema(description = "A day the firm is closed")
public record Holiday(@Schema(example = "2026-12-25") LocalDate date,
                      @Schema(example = "Christmas Day") String name) {
}
