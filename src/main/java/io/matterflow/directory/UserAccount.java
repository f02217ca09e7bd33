package io.matterflow.directory;

import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** A user as other modules see it: never the password hash. */
@Schema(description = "A user of the firm")
public record UserAccount(UUID id, UUID orgId, @Schema(example = "lawyer@demo.law") String email,
                          @Schema(example = "Lena Lawyer") String displayName, Role role) {
}
