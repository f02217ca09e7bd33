package io.matterflow.instance;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.matterflow.action.ActionState;
import io.matterflow.audit.AuditEvent;
import io.matterflow.audit.AuditLog;
import io.matterflow.common.ValidationException;
import io.matterflow.directory.Actor;
import io.matterflow.common.PageResponse;
import io.matterflow.common.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@RestController
@Tag(name = "Steps", description = "Performing steps: claim, start, complete, fail, block, skip, retry; documents; history; the inbox")
class StepController {

    private final StepRuntime runtime;
    private final Instances instances;
    private final Inbox inbox;
    private final StepDocuments documents;
    private final AuditLog audit;

    StepController(StepRuntime runtime, Instances instances, Inbox inbox, StepDocuments documents, AuditLog audit) {
        this.runtime = runtime;
        this.instances = instances;
        this.inbox = inbox;
        this.documents = documents;
        this.audit = audit;
    }

    record ReasonRequest(@NotBlank @Size(max = StepRuntime.MAX_REASON) String reason) {
    }

    record OptionalReasonRequest(@Size(max = StepRuntime.MAX_REASON) String reason) {
    }

    record DocumentResponse(UUID id, String name, String contentType, long size) {
    }

    @GetMapping("/api/workflows/steps")
    @Operation(summary = "The caller's inbox",
            description = "Steps of ACTIVE instances waiting for the caller across matters: `assignedTo=me` for the steps assigned to them only, otherwise also the unassigned steps they may claim. `state` filters (default READY, IN_PROGRESS, BLOCKED).")
    PageResponse<InboxItem> inbox(Actor actor,
                                  @Parameter(description = "`me`: only steps assigned to the caller")
                                  @RequestParam(required = false) String assignedTo,
                                  @RequestParam(required = false) Set<ActionState> state,
                                  @RequestParam(required = false) Integer page,
                                  @RequestParam(required = false) Integer size) {
        if (assignedTo != null && !assignedTo.equals("me")) {
            throw ValidationException.of("Invalid request", "assignedTo", "must be \"me\" or absent");
        }
        return PageResponse.of(inbox.of(actor, assignedTo != null, state, Paging.of(page, size)));
    }

    @GetMapping("/api/workflows/steps/{id}")
    @Operation(summary = "Read a step")
    StepDetails get(Actor actor, @PathVariable UUID id) {
        return instances.step(actor, id);
    }

    @GetMapping("/api/workflows/steps/{id}/history")
    @Operation(summary = "The step's history", description = "Every audited change of the step, oldest first.")
    List<AuditEvent> history(Actor actor, @PathVariable UUID id) {
        instances.step(actor, id);
        return audit.history(actor.orgId(), id);
    }

    @PostMapping("/api/workflows/steps/{id}/claim")
    @Operation(summary = "Claim a READY step", description = "An eligible performer, while the step is unassigned.")
    StepDetails claim(Actor actor, @PathVariable UUID id) {
        return runtime.claim(actor, id);
    }

    @PostMapping("/api/workflows/steps/{id}/unclaim")
    @Operation(summary = "Release a claimed step", description = "The assignee, the matter's owner or an admin.")
    StepDetails unclaim(Actor actor, @PathVariable UUID id) {
        return runtime.unclaim(actor, id);
    }

    @PostMapping("/api/workflows/steps/{id}/start")
    @Operation(summary = "Start a READY step", description = "The assignee, or any eligible performer of an unassigned step (who becomes the assignee). Runs the handler's start (a signing session, a payment intent).")
    StepDetails start(Actor actor, @PathVariable UUID id) {
        return runtime.start(actor, id);
    }

    @PostMapping("/api/workflows/steps/{id}/complete")
    @Operation(summary = "Complete a step",
            description = "The body is the action's payload: APPROVAL_LAWYER `{approved, comment?}`; SIGNATURE_CLIENT `{signatureSessionId}`; REQUEST_DOC_CLIENT `{documentIds}`; PAYMENT_CLIENT only from the payment provider; CHECKLIST `{checked?}` (also straight from READY).")
    StepDetails complete(Actor actor, @PathVariable UUID id, @RequestBody(required = false) Map<String, Object> payload) {
        return runtime.complete(actor, id, payload == null ? Map.of() : payload);
    }

    @PostMapping("/api/workflows/steps/{id}/fail")
    @Operation(summary = "Fail a step in progress", description = "The assignee, the matter's owner or an admin.")
    StepDetails fail(Actor actor, @PathVariable UUID id, @Valid @RequestBody ReasonRequest request) {
        return runtime.fail(actor, id, request.reason());
    }

    @PostMapping("/api/workflows/steps/{id}/block")
    @Operation(summary = "Block a step in progress", description = "The assignee, the matter's owner or an admin.")
    StepDetails block(Actor actor, @PathVariable UUID id, @Valid @RequestBody ReasonRequest request) {
        return runtime.block(actor, id, request.reason());
    }

    @PostMapping("/api/workflows/steps/{id}/unblock")
    @Operation(summary = "Unblock a step", description = "The assignee, the matter's owner or an admin.")
    StepDetails unblock(Actor actor, @PathVariable UUID id) {
        return runtime.unblock(actor, id);
    }

    @PostMapping("/api/workflows/steps/{id}/skip")
    @Operation(summary = "Skip a READY or IN_PROGRESS step", description = "Admins only.")
    StepDetails skip(Actor actor, @PathVariable UUID id,
                     @Valid @RequestBody(required = false) OptionalReasonRequest request) {
        return runtime.skip(actor, id, request == null ? null : request.reason());
    }

    @PostMapping("/api/workflows/steps/{id}/retry")
    @Operation(summary = "Retry a FAILED step", description = "Back to READY, unassigned. The matter's owner or an admin.")
    StepDetails retry(Actor actor, @PathVariable UUID id) {
        return runtime.retry(actor, id);
    }

    @PostMapping(path = "/api/workflows/steps/{id}/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload a document to a REQUEST_DOC_CLIENT step",
            description = "multipart/form-data with the file in the part `file`; checked against the step's accepted types (415) and the size limit (413).")
    ResponseEntity<DocumentResponse> upload(Actor actor, @PathVariable UUID id, @RequestPart("file") MultipartFile file)
            throws java.io.IOException {
        if (file.getSize() > documents.maxSize()) {
            throw new io.matterflow.common.TooLargeException(
                    "the upload is larger than the limit of " + documents.maxSize() + " bytes");
        }
        var info = documents.upload(actor, id, file.getOriginalFilename(), file.getContentType(), file.getBytes());
        return ResponseEntity.status(201).body(new DocumentResponse(info.id(), info.name(), info.contentType(),
                info.size()));
    }

    @GetMapping("/api/workflows/steps/{id}/documents")
    @Operation(summary = "The documents uploaded to a step")
    List<DocumentResponse> documents(Actor actor, @PathVariable UUID id) {
        instances.step(actor, id);
        return documents.forStep(actor, id).stream()
                .map(d -> new DocumentResponse(d.id(), d.name(), d.contentType(), d.size())).toList();
    }

}
