package io.matterflow.access.internal;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.matterflow.access.Matters;
import io.matterflow.common.web.PageResponse;
import io.matterflow.common.web.Paging;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Directory;
import io.matterflow.directory.MatterDetails;
import io.matterflow.directory.Role;
import io.matterflow.directory.UserAccount;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@RestController
@Tag(name = "People and matters", description = "The signed-in user, the firm's users, matters and their members")
class PeopleController {

    private final Matters matters;
    private final Directory directory;

    PeopleController(Matters matters, Directory directory) {
        this.matters = matters;
        this.directory = directory;
    }

    @Schema(description = "The signed-in user and their organization")
    record Me(UUID id, UUID orgId, @Schema(example = "Demo Law LLP") String organization,
              @Schema(example = "lawyer@demo.law") String email, @Schema(example = "Lena Lawyer") String displayName,
              Role role) {
    }

    record CreateMatterRequest(@Schema(description = "The firm's reference, unique in the firm", example = "2026-001")
                               @NotBlank @Size(max = 50) String reference,
                               @Schema(example = "Acme v. Widget Co") @NotBlank @Size(max = 300) String title,
                               @Schema(description = "The owning lawyer; default: the caller, when a lawyer")
                               UUID ownerId,
                               @Schema(description = "The client user, who performs the client's steps")
                               UUID clientId,
                               @Schema(nullable = true, description = "The practice area, which conditions on steps"
                                       + " may ask about", example = "Litigation")
                               @Size(max = Matters.MAX_PRACTICE_AREA) String practiceArea) {
    }

    record MemberRequest(@NotNull UUID userId,
                         @Schema(description = "Must be the user's own role") @NotNull Role role) {
    }

    record MembersRequest(@NotNull @Size(max = 200) List<@Valid @NotNull MemberRequest> members) {
    }

    @GetMapping("/api/me")
    @Operation(operationId = "me", summary = "The signed-in user")
    Me me(Actor actor) {
        UserAccount user = directory.findUser(actor.userId()).orElseThrow();
        return new Me(user.id(), user.orgId(), directory.organizationName(user.orgId()).orElse(""), user.email(),
                user.displayName(), user.role());
    }

    @GetMapping("/api/users")
    @Operation(operationId = "listUsers", summary = "The firm's users")
    List<UserAccount> users(Actor actor) {
        return matters.users(actor);
    }

    @GetMapping("/api/matters")
    @Operation(operationId = "listMatters", summary = "Matters the caller may see")
    PageResponse<MatterDetails> list(Actor actor, @RequestParam(required = false) Integer page,
                                     @RequestParam(required = false) Integer size) {
        return PageResponse.of(matters.visible(actor, Paging.of(page, size, Sort.by(Sort.Direction.DESC, "createdAt"))));
    }

    @PostMapping("/api/matters")
    @Operation(operationId = "createMatter", summary = "Open a matter")
    @ApiResponse(responseCode = "201", useReturnTypeSchema = true)
    ResponseEntity<MatterDetails> create(Actor actor, @Valid @RequestBody CreateMatterRequest request) {
        var matter = matters.create(actor, request.reference(), request.title(), request.ownerId(), request.clientId(),
                request.practiceArea());
        return ResponseEntity.created(URI.create("/api/matters/" + matter.id())).body(matter);
    }

    @GetMapping("/api/matters/{id}")
    @Operation(operationId = "getMatter", summary = "Read a matter with its members")
    MatterDetails get(Actor actor, @PathVariable UUID id) {
        return matters.get(actor, id);
    }

    @PutMapping("/api/matters/{id}/members")
    @Operation(operationId = "setMatterMembers", summary = "Replace a matter's members")
    MatterDetails members(Actor actor, @PathVariable UUID id, @Valid @RequestBody MembersRequest request) {
        return matters.setMembers(actor, id, request.members().stream()
                .map(m -> new MatterDetails.Member(m.userId(), m.role())).toList());
    }
}
