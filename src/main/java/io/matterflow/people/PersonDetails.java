package io.matterflow.people;

import java.time.Instant;
import java.util.UUID;

import io.matterflow.directory.Person;
import io.matterflow.directory.Role;
import io.swagger.v3.oas.annotations.media.Schema;

/** A person as the people routes answer: their status, and when their pending invitation expires. */
@Schema(description = "A person of the firm with their status")
public record PersonDetails(UUID id, UUID orgId, @Schema(example = "paralegal@demo.law") String email,
                     @Schema(example = "Paul Paralegal") String displayName, Role role,
                     @Schema(description = "INVITED: has not chosen a password yet; ACTIVE: can sign in;"
                             + " DEACTIVATED: cannot sign in and performs no step") Person.Status status,
                     Instant createdAt,
                     @Schema(nullable = true, description = "When the invitation's link stops working; null unless INVITED with a"
                             + " usable invitation") Instant invitationExpiresAt) {

    static PersonDetails of(Person person, Instant invitationExpiresAt) {
        return new PersonDetails(person.id(), person.orgId(), person.email(), person.displayName(), person.role(),
                person.status(), person.createdAt(),
                person.status() == Person.Status.INVITED ? invitationExpiresAt : null);
    }
}
