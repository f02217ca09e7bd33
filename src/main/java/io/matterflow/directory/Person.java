package io.matterflow.directory;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** A user as the firm's admins manage them: with their status. */
@Schema(description = "A person of the firm, as admins manage them")
public record Person(UUID id, UUID orgId, @Schema(example = "paralegal@demo.law") String email,
                     @Schema(example = "Paul Paralegal") String displayName, Role role,
                     @Schema(description = "INVITED: has not chosen a password yet; ACTIVE: can sign in;"
                             + " DEACTIVATED: cannot sign in and performs no step") Status status,
                     Instant createdAt) {

    public enum Status {
        INVITED("Invited"), ACTIVE("Active"), DEACTIVATED("Deactivated");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        /** The word people read in the UI; the API keeps the name. */
        public String label() {
            return label;
        }
    }

    public boolean active() {
        return status != Status.DEACTIVATED;
    }
}
