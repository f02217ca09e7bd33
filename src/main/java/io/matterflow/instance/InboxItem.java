package io.matterflow.instance;

import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** A step waiting for the user, with the instance and matter it belongs to. */
@Schema(description = "A step waiting for the caller, with its instance and matter")
public record InboxItem(StepDetails step, UUID instanceId,
                        @Schema(example = "New client intake: Acme Corp") String instanceTitle, UUID matterId,
                        @Schema(example = "2026-001") String matterReference,
                        @Schema(example = "Acme v. Widget Co") String matterTitle,
                        @Schema(nullable = true, description = "OVERDUE when its due date has passed, DUE_SOON when"
                                + " it falls within 48 hours; null otherwise") Urgency urgency) {

    /** How pressing the step's due date is. */
    public enum Urgency {
        OVERDUE, DUE_SOON
    }
}
