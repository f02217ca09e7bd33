package io.matterflow.audit;

import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The result of checking an organization's audit chains: {@code valid}, how many events were checked, and when
 * invalid the first bad event (by time) and why.
 */
@Schema(description = "The result of checking the organization's audit chains")
public record AuditVerification(@Schema(description = "Every chain intact") boolean valid,
                                @Schema(example = "24") long eventsChecked,
                                @Schema(example = "3") long streamsChecked,
                                @Schema(nullable = true, description = "The earliest bad event; null when valid (or when only a"
                                        + " stream's head remains)") UUID firstBadEventId,
                                @Schema(nullable = true, description = "Its stream; null when valid") UUID firstBadStreamId,
                                @Schema(nullable = true, description = "What is wrong; null when valid",
                                        example = "hash does not match the event's content: the event was edited")
                                String reason) {
}
