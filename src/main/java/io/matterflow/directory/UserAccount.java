package io.matterflow.directory;

import java.io.Serializable;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A user as other modules see it: never the password hash. {@code active} is false once an admin deactivated the
 * person: they cannot sign in and perform no step.
 */
@Schema(description = "A user of the firm")
public record UserAccount(UUID id, UUID orgId, @Schema(example = "lawyer@demo.law") String email,
                          @Schema(example = "Lena Lawyer") String displayName, Role role,
                          @Schema(description = "False once an admin deactivated the person") boolean active)
        implements Serializable {
}
