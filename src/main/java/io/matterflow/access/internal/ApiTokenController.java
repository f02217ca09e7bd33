package io.matterflow.access.internal;

import java.net.URI;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.matterflow.access.ApiTokenAuthentication;
import io.matterflow.access.ApiTokens;
import io.matterflow.common.web.PageResponse;
import io.matterflow.common.web.Paging;
import io.matterflow.directory.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@RestController
@Tag(name = "API tokens", description = "The caller's personal API tokens: how scripts and integrations sign in")
class ApiTokenController {

    private final ApiTokens tokens;

    ApiTokenController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    record CreateTokenRequest(@Schema(description = "What the token is for, to recognize it in the list",
                                      example = "CI script")
                              @NotBlank @Size(min = 1, max = ApiTokens.MAX_NAME_LENGTH) String name,
                              @Schema(description = "Days until the token expires, 1 to 365; default 90. A token"
                                      + " created with a token expires no later than that token: a value past its"
                                      + " expiry is refused (400), and the default is cut to it",
                                      example = "90", minimum = "1", maximum = "365")
                              @Min(1) @Max(ApiTokens.MAX_EXPIRY_DAYS) Integer expiresInDays) {
    }

    @PostMapping("/api/me/tokens")
    @Operation(operationId = "createApiToken", summary = "Create a personal API token")
    @ApiResponse(responseCode = "201", useReturnTypeSchema = true)
    ResponseEntity<ApiTokens.CreatedApiToken> create(Actor actor, @Valid @RequestBody CreateTokenRequest request) {
        var created = tokens.create(actor, request.name(), request.expiresInDays(), signedInWithToken());
        return ResponseEntity.created(URI.create("/api/me/tokens/" + created.id())).body(created);
    }

    @GetMapping("/api/me/tokens")
    @Operation(operationId = "listApiTokens", summary = "The caller's API tokens")
    PageResponse<ApiTokens.ApiToken> list(Actor actor, @RequestParam(required = false) Integer page,
                                          @RequestParam(required = false) Integer size) {
        return PageResponse.of(tokens.active(actor, Paging.of(page, size)));
    }

    @DeleteMapping("/api/me/tokens/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "revokeApiToken", summary = "Revoke one of the caller's API tokens")
    @ApiResponse(responseCode = "204")
    void revoke(Actor actor, @PathVariable UUID id) {
        tokens.revoke(actor, id);
    }

    /** The token this request signed in with, for the audit event of a token created with a token. */
    private static UUID signedInWithToken() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof ApiTokenAuthentication token ? token.tokenId() : null;
    }
}
