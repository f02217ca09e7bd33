package io.matterflow.instance.internal;

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
import org.springframework.web.multipart.MultipartHttpServletRequest;

import io.matterflow.action.ActionState;
import io.matterflow.action.DocumentResponse;
import io.matterflow.audit.AuditEvent;
import io.matterflow.common.ValidationException;
import io.matterflow.directory.Actor;
import io.matterflow.common.web.PageResponse;
import io.matterflow.common.web.Paging;
import io.matterflow.instance.DocumentReads;
import io.matterflow.instance.Handover;
import io.matterflow.instance.Inbox;
import io.matterflow.instance.InboxItem;
import io.matterflow.instance.Instances;
import io.matterflow.instance.StepDetails;
import io.matterflow.instance.StepDocuments;
import io.matterflow.instance.StepRuntime;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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
    private final Handover handover;
    private final DocumentReads reads;

    StepController(StepRuntime runtime, Instances instances, Inbox inbox, StepDocuments documents,
                   Handover handover, DocumentReads reads) {
        this.runtime = runtime;
        this.instances = instances;
        this.inbox = inbox;
        this.documents = documents;
        this.handover = handover;
        this.reads = reads;
    }

    record AssignRequest(@Schema(description = "The person to give the step to, one who may perform it; null puts a"
            + " READY step back in the pool", nullable = true, example = "5b0f1f8e-2a57-4c41-9d55-1f0c6f1f9a01")
                         UUID userId) {
    }

    record HandoverRequest(@Schema(description = "Whose open steps move", example = "5b0f1f8e-2a57-4c41-9d55-1f0c6f1f9a01")
                           UUID fromUserId,
                           @Schema(description = "Who takes them; must be able to perform every one of them",
                                   example = "9a1d6c2e-7f0b-4a43-8f3e-2b6b1c9d0e11")
                           UUID toUserId) {
    }

    record ReasonRequest(@Schema(description = "Why; kept in the step's data and the audit trail",
                                 example = "Waiting for the conflicts database")
                         @NotBlank @Size(max = StepRuntime.MAX_REASON) String reason) {
    }

    record OptionalReasonRequest(@Schema(description = "Why; kept in the step's data and the audit trail",
                                         example = "Signed on paper at the office")
                                 @Size(max = StepRuntime.MAX_REASON) String reason) {
    }

    @GetMapping("/api/workflows/steps")
    @Operation(operationId = "inbox", summary = "The caller's inbox",
            description = "Steps of ACTIVE instances waiting for the caller across matters: `assignedTo=me` for the steps assigned to them only, otherwise also the unassigned steps they may claim. `state` filters (default READY, IN_PROGRESS, BLOCKED).")
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true,
            description = "A page of steps, each with its instance and matter",
            content = @Content(examples = @ExampleObject(name = "client", summary = "The client's retainer payment",
                    value = StepExamples.INBOX)))
    PageResponse<InboxItem> inbox(Actor actor,
                                  @Parameter(description = "`me`: only steps assigned to the caller",
                                          schema = @Schema(allowableValues = "me"))
                                  @RequestParam(required = false) String assignedTo,
                                  @Parameter(description = "The states to list (repeat or comma-separate)")
                                  @RequestParam(required = false) Set<ActionState> state,
                                  @RequestParam(required = false) Integer page,
                                  @RequestParam(required = false) Integer size) {
        if (assignedTo != null && !assignedTo.equals("me")) {
            throw ValidationException.of("Invalid request", "assignedTo", "must be \"me\" or absent");
        }
        return PageResponse.of(inbox.of(actor, assignedTo != null, state, Paging.of(page, size)));
    }

    @GetMapping("/api/workflows/steps/{id}")
    @Operation(operationId = "getStep", summary = "Read a step",
            description = "Anyone who may read the step's matter. A client reads its own steps whole and the firm's"
                    + " steps it is shown by title and state only; the firm's other steps are not found (404).")
    StepDetails get(Actor actor, @PathVariable UUID id) {
        return instances.step(actor, id);
    }

    @GetMapping("/api/workflows/steps/{id}/history")
    @Operation(operationId = "stepHistory", summary = "The step's history",
            description = "Every audited change of the step, oldest first. A client reads the history of its own (CLIENT) steps only: 403 for a step of the firm's it is shown, 404 for one it is not.")
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true, description = "The step's audit events",
            content = @Content(examples = @ExampleObject(name = "history", value = StepExamples.HISTORY)))
    List<AuditEvent> history(Actor actor, @PathVariable UUID id) {
        return instances.history(actor, id);
    }

    @PostMapping("/api/workflows/steps/{id}/claim")
    @Operation(operationId = "claimStep", summary = "Claim a READY step",
            description = "An eligible performer, while the step is unassigned.")
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true, description = "The step, assigned to the caller",
            content = @Content(examples = @ExampleObject(name = "claimed", value = StepExamples.CLAIMED)))
    StepDetails claim(Actor actor, @PathVariable UUID id) {
        return runtime.claim(actor, id);
    }

    @PostMapping("/api/workflows/steps/{id}/unclaim")
    @Operation(operationId = "unclaimStep", summary = "Release a claimed step",
            description = "The assignee, the matter's owner or an admin.")
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true, description = "The step, unassigned",
            content = @Content(examples = @ExampleObject(name = "unclaimed", value = StepExamples.UNCLAIMED)))
    StepDetails unclaim(Actor actor, @PathVariable UUID id) {
        return runtime.unclaim(actor, id);
    }

    @PostMapping("/api/workflows/steps/{id}/start")
    @Operation(operationId = "startStep", summary = "Start a READY step",
            description = "The assignee, or any eligible performer of an unassigned step (who becomes the assignee). Runs the handler's start (a signing session, a payment intent).")
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true,
            description = "The step, IN_PROGRESS, with what the handler prepared in `actionData`",
            content = @Content(examples = {
                    @ExampleObject(name = "approval", summary = "APPROVAL_LAWYER", value = StepExamples.STARTED),
                    @ExampleObject(name = "signature", summary = "SIGNATURE_CLIENT: a signing session",
                            value = StepExamples.SIGNING_STARTED),
                    @ExampleObject(name = "payment", summary = "PAYMENT_CLIENT: a payment intent",
                            value = StepExamples.PAYMENT_STARTED)}))
    StepDetails start(Actor actor, @PathVariable UUID id) {
        return runtime.start(actor, id);
    }

    @PostMapping("/api/workflows/steps/{id}/complete")
    @Operation(operationId = "completeStep", summary = "Complete a step",
            description = "The body is the action's payload:"
                    + " APPROVAL_LAWYER `{approved, comment?}` (a rejection needs a comment and leaves the step FAILED);"
                    + " SIGNATURE_CLIENT `{signatureSessionId, outcome?: SIGNED|DECLINED, reason?}` (a decline needs a"
                    + " reason and leaves the step FAILED);"
                    + " REQUEST_DOC_CLIENT `{documentIds}` (documents uploaded to the step);"
                    + " PAYMENT_CLIENT only from the payment provider (409 for a user);"
                    + " CHECKLIST `{checked?}` with every configured item (also straight from READY)."
                    + " A payload that does not fit is a 400 naming the fields.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    description = "The action's payload", content = @Content(examples = {
                    @ExampleObject(name = "approve", summary = "APPROVAL_LAWYER: approve",
                            value = StepExamples.APPROVE),
                    @ExampleObject(name = "reject", summary = "APPROVAL_LAWYER: reject",
                            value = StepExamples.REJECT),
                    @ExampleObject(name = "sign", summary = "SIGNATURE_CLIENT: signed", value = StepExamples.SIGN),
                    @ExampleObject(name = "decline", summary = "SIGNATURE_CLIENT: declined",
                            value = StepExamples.DECLINE),
                    @ExampleObject(name = "documents", summary = "REQUEST_DOC_CLIENT: the uploaded documents",
                            value = StepExamples.SUBMIT_DOCUMENTS),
                    @ExampleObject(name = "checklist", summary = "CHECKLIST: every item ticked",
                            value = StepExamples.TICK)})))
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true,
            description = "The step: COMPLETED, or FAILED for a rejection or a decline",
            content = @Content(examples = {
                    @ExampleObject(name = "approved", summary = "APPROVAL_LAWYER approved",
                            value = StepExamples.APPROVED),
                    @ExampleObject(name = "rejected", summary = "APPROVAL_LAWYER rejected: FAILED",
                            value = StepExamples.REJECTED),
                    @ExampleObject(name = "signed", summary = "SIGNATURE_CLIENT signed", value = StepExamples.SIGNED),
                    @ExampleObject(name = "documents", summary = "REQUEST_DOC_CLIENT submitted",
                            value = StepExamples.DOCUMENTS_SUBMITTED),
                    @ExampleObject(name = "checklist", summary = "CHECKLIST ticked",
                            value = StepExamples.CHECKLIST_DONE)}))
    StepDetails complete(Actor actor, @PathVariable UUID id, @RequestBody(required = false) Map<String, Object> payload) {
        return runtime.complete(actor, id, payload == null ? Map.of() : payload);
    }

    @PostMapping("/api/workflows/steps/{id}/fail")
    @Operation(operationId = "failStep", summary = "Fail a step in progress",
            description = "The assignee, the matter's owner or an admin.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples =
                    @ExampleObject(name = "fail", value = StepExamples.FAIL))))
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true,
            description = "The step, FAILED, with `failureReason` in `actionData`",
            content = @Content(examples = @ExampleObject(name = "failed", value = StepExamples.SIGNING_FAILED)))
    StepDetails fail(Actor actor, @PathVariable UUID id, @Valid @RequestBody ReasonRequest request) {
        return runtime.fail(actor, id, request.reason());
    }

    @PostMapping("/api/workflows/steps/{id}/block")
    @Operation(operationId = "blockStep", summary = "Block a step in progress",
            description = "The assignee, the matter's owner or an admin.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples =
                    @ExampleObject(name = "block", value = StepExamples.BLOCK))))
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true,
            description = "The step, BLOCKED, with `blockedReason` in `actionData`",
            content = @Content(examples = @ExampleObject(name = "blocked", value = StepExamples.BLOCKED)))
    StepDetails block(Actor actor, @PathVariable UUID id, @Valid @RequestBody ReasonRequest request) {
        return runtime.block(actor, id, request.reason());
    }

    @PostMapping("/api/workflows/steps/{id}/unblock")
    @Operation(operationId = "unblockStep", summary = "Unblock a step",
            description = "The assignee, the matter's owner or an admin.")
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true, description = "The step, IN_PROGRESS again",
            content = @Content(examples = @ExampleObject(name = "unblocked", value = StepExamples.UNBLOCKED)))
    StepDetails unblock(Actor actor, @PathVariable UUID id) {
        return runtime.unblock(actor, id);
    }

    @PostMapping("/api/workflows/steps/{id}/skip")
    @Operation(operationId = "skipStep", summary = "Skip a READY or IN_PROGRESS step",
            description = "Admins only. The body is optional.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples =
                    @ExampleObject(name = "skip", value = StepExamples.SKIP))))
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true, description = "The step, SKIPPED",
            content = @Content(examples = @ExampleObject(name = "skipped", value = StepExamples.SIGNING_SKIPPED)))
    StepDetails skip(Actor actor, @PathVariable UUID id,
                     @Valid @RequestBody(required = false) OptionalReasonRequest request) {
        return runtime.skip(actor, id, request == null ? null : request.reason());
    }

    @PostMapping("/api/workflows/steps/{id}/retry")
    @Operation(operationId = "retryStep", summary = "Retry a FAILED step",
            description = "Back to READY, unassigned; the failed attempt's data moves to `actionData.previousAttempts`. The matter's owner or an admin.")
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true, description = "The step, READY again",
            content = @Content(examples = @ExampleObject(name = "retried", value = StepExamples.SIGNING_RETRIED)))
    StepDetails retry(Actor actor, @PathVariable UUID id) {
        return runtime.retry(actor, id);
    }

    @PostMapping("/api/workflows/steps/{id}/assign")
    @Operation(operationId = "assignStep", summary = "Give a step to someone, or back to the pool",
            description = "Admins, the matter's owner and its lawyers. A READY step goes to a named person who may"
                    + " perform it (`userId`) or back to the pool (`userId: null`); an IN_PROGRESS or BLOCKED step"
                    + " is handed to another person who may perform it. Allowed while the instance is ACTIVE or"
                    + " PAUSED. The new assignee is notified as for a READY step. 422 naming `userId` for someone who"
                    + " may not perform the step.")
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true, description = "The step, with its new assignee")
    @ApiResponse(responseCode = "422", ref = "#/components/responses/NotEligible")
    StepDetails assign(Actor actor, @PathVariable UUID id, @RequestBody AssignRequest request) {
        return runtime.assign(actor, id, request.userId());
    }

    @PostMapping("/api/workflows/steps/handover")
    @Operation(operationId = "handOverSteps", summary = "Move every open step of one person to another",
            description = "Admins only: every READY (claimed), IN_PROGRESS or BLOCKED step assigned to `fromUserId` on"
                    + " an ACTIVE or PAUSED instance goes to `toUserId`, in one transaction, each audited and"
                    + " notified as an assignment. When `toUserId` may not perform some of them, nothing moves: 422"
                    + " naming each such step.")
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true, description = "The steps that moved")
    @ApiResponse(responseCode = "422", ref = "#/components/responses/NotEligible")
    Handover.Result handOver(Actor actor, @RequestBody HandoverRequest request) {
        return handover.handOver(actor, request.fromUserId(), request.toUserId());
    }

    @PostMapping(path = "/api/workflows/steps/{id}/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(operationId = "uploadDocument", summary = "Upload a document to a REQUEST_DOC_CLIENT step",
            description = "multipart/form-data with the file in the part `file`, by the step's performer while the"
                    + " step is READY or IN_PROGRESS. Checked before the body is read: the step (404), the caller"
                    + " (403), its state (409) and the upload limits; then the file is streamed to storage and"
                    + " checked against the step's accepted types and its content's first bytes (415) and the size"
                    + " limit (413). Limits: `matterflow.documents.max-per-step` documents and"
                    + " `matterflow.documents.max-bytes-per-step` bytes per step (409), and"
                    + " `matterflow.documents.max-bytes-per-user-per-day` bytes per person in any 24 hours (429 with"
                    + " `Retry-After`); each refusal names its limit in `limit`, with `max` and `current`. Control and"
                    + " formatting characters (such as U+202E) are removed from the file's name. Name the uploaded"
                    + " documents when completing the step; uploads no completed step names are removed after"
                    + " `matterflow.documents.retention`.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                            schema = @Schema(implementation = UploadForm.class))))
    @ApiResponse(responseCode = "201", useReturnTypeSchema = true, description = "The stored document",
            content = @Content(examples = @ExampleObject(name = "document", value = StepExamples.DOCUMENT)))
    @ApiResponse(responseCode = "409", description = "The step does not take documents now, or its upload limit is"
            + " reached", content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
            schema = @Schema(ref = "#/components/schemas/ProblemDetail"), examples = {
            @ExampleObject(name = "notAccepting", summary = "The step is not READY or IN_PROGRESS",
                    value = StepExamples.NOT_ACCEPTING_DOCUMENTS),
            @ExampleObject(name = "stepLimit", summary = "The step's upload limit is reached",
                    value = StepExamples.STEP_UPLOAD_LIMIT)}))
    @ApiResponse(responseCode = "429", description = "The caller's uploads of the last 24 hours reached their limit"
            + " (`Retry-After` says when to try again), or repeated failed sign-ins locked the email",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(ref = "#/components/schemas/ProblemDetail"), examples =
                    @ExampleObject(name = "dailyLimit", summary = "The daily upload limit is reached",
                            value = StepExamples.DAILY_UPLOAD_LIMIT)))
    ResponseEntity<DocumentResponse> upload(Actor actor, @PathVariable UUID id, MultipartHttpServletRequest request) {
        // The part is read only after the checks: multipart bodies are parsed lazily
        // (spring.servlet.multipart.resolve-lazily), so a refused upload is never parsed.
        var info = documents.upload(actor, id, () -> request.getFile("file"));
        return ResponseEntity.status(201).body(DocumentResponse.of(info));
    }

    /** The multipart form of an upload, for the API description only. */
    @Schema(name = "DocumentUpload", requiredProperties = "file")
    record UploadForm(@Schema(type = "string", format = "binary", description = "The file") String file) {
    }

    @GetMapping("/api/workflows/steps/{id}/documents")
    @Operation(operationId = "listDocuments", summary = "The documents uploaded to a step",
            description = "Oldest first, each with the upload scanner's verdict. A client lists the documents of its"
                    + " own steps only.")
    List<DocumentResponse> documents(Actor actor, @PathVariable UUID id) {
        return reads.forStep(actor, id).stream().map(DocumentResponse::of).toList();
    }

}
