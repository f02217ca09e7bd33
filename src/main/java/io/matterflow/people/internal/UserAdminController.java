package io.matterflow.people.internal;

import java.net.URI;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.matterflow.directory.Actor;
import io.matterflow.directory.Emails;
import io.matterflow.directory.Role;
import io.matterflow.people.People;
import io.matterflow.people.PersonDetails;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@RestController
@Tag(name = "People administration", description = "Admins invite people, change their role and deactivate them;"
        + " everyone changes their own password")
class UserAdminController {

    private final People people;

    UserAdminController(People people) {
        this.people = people;
    }

    record InviteRequest(@Schema(example = "new.paralegal@demo.law") @NotBlank @Email @Size(max = Emails.MAX_LENGTH)
                         String email,
                         @Schema(example = "Nina Paralegal") @NotBlank @Size(max = 200) String displayName,
                         @Schema(description = "ADMIN, LAWYER or PARALEGAL for staff, CLIENT for a client")
                         @NotNull Role role) {
    }

    record UpdateRequest(@Schema(description = "The new role; staff stay staff and clients stay clients") Role role,
                         @Schema(description = "false deactivates: sessions and API tokens end at once, claimed and"
                                 + " started steps are released; true reactivates") Boolean active) {
    }

    record ChangePasswordRequest(@Schema(description = "The password the caller signs in with now")
                                 @NotNull @Size(max = 1000) String currentPassword,
                                 @Schema(description = "At least 12 characters, at most 72 bytes in UTF-8, not a"
                                         + " common password") @NotNull @Size(max = 1000) String newPassword) {

        @Override
        public String toString() {
            return "ChangePasswordRequest[passwords hidden]";
        }
    }

    @PostMapping("/api/users")
    @Operation(operationId = "inviteUser", summary = "Invite a person")
    @ApiResponse(responseCode = "201", useReturnTypeSchema = true)
    ResponseEntity<PersonDetails> invite(Actor actor, @Valid @RequestBody InviteRequest request) {
        PersonDetails person = people.invite(actor, request.email(), request.displayName(), request.role());
        return ResponseEntity.created(URI.create("/api/users/" + person.id())).body(person);
    }

    @GetMapping("/api/users/{id}")
    @Operation(operationId = "getUser", summary = "A person of the firm with their status")
    PersonDetails get(Actor actor, @PathVariable UUID id) {
        return people.get(actor, id);
    }

    @PatchMapping("/api/users/{id}")
    @Operation(operationId = "updateUser", summary = "Change a person's role, deactivate or reactivate them")
    PersonDetails update(Actor actor, @PathVariable UUID id, @Valid @RequestBody UpdateRequest request) {
        return people.update(actor, id, request.role(), request.active());
    }

    @PostMapping("/api/users/{id}/invitation")
    @Operation(operationId = "resendInvitation", summary = "Send a person's invitation again")
    PersonDetails resend(Actor actor, @PathVariable UUID id) {
        return people.resendInvitation(actor, id);
    }

    @PostMapping("/api/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "changeOwnPassword", summary = "Change the caller's password")
    @ApiResponse(responseCode = "204")
    void changePassword(Actor actor, @Valid @RequestBody ChangePasswordRequest request) {
        people.changeOwnPassword(actor, request.currentPassword(), request.newPassword(), null);
    }
}
