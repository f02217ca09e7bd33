package io.matterflow.instance.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
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

    record DueRequest(@Schema(nullable = true, description = "The due date to set by hand; null gives the step back to"
                              + " its rule", example = "2026-12-18T17:00:00Z") Instant at,
                      @Schema(description = "Why; kept in the due date and the audit trail",
                              example = "The client asked for a week more")
                      @NotBlank @Size(max = StepRuntime.MAX_REASON) String reason) {
    }

    record OptionalReasonRequest(@Schema(description = "Why; kept in the step's data and the audit trail",
                                         example = "Signed on paper at the office")
                                 @Size(max = StepRuntime.MAX_REASON) String reason) {
    }

    @GetMapping("/api/workflows/steps")
    @Operation(operationId = "inbox", summary = "The caller's inbox")
    PageResponse<InboxItem> inbox(Actor actor,
                                  @Parameter(description = "`me`: only steps assigned to the caller",
                                          schema = @Schema(allowableValues = "me"))
                                  @RequestParam(required = false) String assignedTo,
                                  @Parameter(description = "The states to list (repeat or comma-separate)")
                                  @RequestParam(required = false) Set<ActionState> state,
                                  @Parameter(description = "`overdue`: due before now; `this-week`: due from now to"
                                          + " the end of Sunday in the firm's time zone; `dated`: with a due date",
                                          schema = @Schema(allowableValues = {"overdue", "this-week", "dated"}))
                                  @RequestParam(required = false) String due,
                                  @Parameter(description = "`due` (default): soonest due first, undated last, then"
                                          + " oldest change; `updated`: oldest change first",
                                          schema = @Schema(allowableValues = {"due", "updated"}))
                                  @RequestParam(required = false) String sort,
                                  @RequestParam(required = false) Integer page,
                                  @RequestParam(required = false) Integer size) {
        if (assignedTo != null && !assignedTo.equals("me")) {
            throw ValidationException.of("Invalid request", "assignedTo", "must be \"me\" or absent");
        }
        return PageResponse.of(inbox.of(actor, assignedTo != null, state, dueFilter(due), order(sort),
                Paging.of(page, size)));
    }

    static Inbox.DueFilter dueFilter(String due) {
        if (due == null || due.isEmpty()) {
            return Inbox.DueFilter.ALL;
        }
        return switch (due) {
            case "overdue" -> Inbox.DueFilter.OVERDUE;
            case "this-week" -> Inbox.DueFilter.THIS_WEEK;
            case "dated" -> Inbox.DueFilter.DATED;
            default -> throw ValidationException.of("Invalid request", "due",
                    "must be one of overdue, this-week, dated");
        };
    }

    static Inbox.Order order(String sort) {
        if (sort == null || sort.isEmpty() || sort.equals("due")) {
            return Inbox.Order.DUE;
        }
        if (sort.equals("updated")) {
            return Inbox.Order.UPDATED;
        }
        throw ValidationException.of("Invalid request", "sort", "must be due or updated");
    }

    @PutMapping("/api/workflows/steps/{id}/due")
    @Operation(operationId = "setStepDue", summary = "Set a step's due date by hand, or give it back to its rule")
    StepDetails setDue(Actor actor, @PathVariable UUID id, @Valid @RequestBody DueRequest request) {
        return instances.setDue(actor, id, request.at(), request.reason());
    }

    @GetMapping("/api/workflows/steps/{id}")
    @Operation(operationId = "getStep", summary = "Read a step")
    StepDetails get(Actor actor, @PathVariable UUID id) {
        return instances.step(actor, id);
    }

    @GetMapping("/api/workflows/steps/{id}/history")
    @Operation(operationId = "stepHistory", summary = "The step's history")
    List<AuditEvent> history(Actor actor, @PathVariable UUID id) {
        return instances.history(actor, id);
    }

    @PostMapping("/api/workflows/steps/{id}/claim")
    @Operation(operationId = "claimStep", summary = "Claim a READY step")
    StepDetails claim(Actor actor, @PathVariable UUID id) {
        return runtime.claim(actor, id);
    }

    @PostMapping("/api/workflows/steps/{id}/unclaim")
    @Operation(operationId = "unclaimStep", summary = "Release a claimed step")
    StepDetails unclaim(Actor actor, @PathVariable UUID id) {
        return runtime.unclaim(actor, id);
    }

    @PostMapping("/api/workflows/steps/{id}/start")
    @Operation(operationId = "startStep", summary = "Start a READY step")
    StepDetails start(Actor actor, @PathVariable UUID id) {
        return runtime.start(actor, id);
    }

    @PostMapping("/api/workflows/steps/{id}/complete")
    @Operation(operationId = "completeStep", summary = "Complete a step")
    StepDetails complete(Actor actor, @PathVariable UUID id, @RequestBody(required = false) Map<String, Object> payload) {
        return runtime.complete(actor, id, payload == null ? Map.of() : payload);
    }

    @PostMapping("/api/workflows/steps/{id}/fail")
    @Operation(operationId = "failStep", summary = "Fail a step in progress")
    StepDetails fail(Actor actor, @PathVariable UUID id, @Valid @RequestBody ReasonRequest request) {
        return runtime.fail(actor, id, request.reason());
    }

    @PostMapping("/api/workflows/steps/{id}/block")
    @Operation(operationId = "blockStep", summary = "Block a step in progress")
    StepDetails block(Actor actor, @PathVariable UUID id, @Valid @RequestBody ReasonRequest request) {
        return runtime.block(actor, id, request.reason());
    }

    @PostMapping("/api/workflows/steps/{id}/unblock")
    @Operation(operationId = "unblockStep", summary = "Unblock a step")
    StepDetails unblock(Actor actor, @PathVariable UUID id) {
        return runtime.unblock(actor, id);
    }

    @PostMapping("/api/workflows/steps/{id}/skip")
    @Operation(operationId = "skipStep", summary = "Skip a READY or IN_PROGRESS step")
    StepDetails skip(Actor actor, @PathVariable UUID id,
                     @Valid @RequestBody(required = false) OptionalReasonRequest request) {
        return runtime.skip(actor, id, request == null ? null : request.reason());
    }

    @PostMapping("/api/workflows/steps/{id}/retry")
    @Operation(operationId = "retryStep", summary = "Retry a FAILED step")
    StepDetails retry(Actor actor, @PathVariable UUID id) {
        return runtime.retry(actor, id);
    }

    @PostMapping("/api/workflows/steps/{id}/assign")
    @Operation(operationId = "assignStep", summary = "Give a step to someone, or back to the pool")
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "422", ref = "#/components/responses/NotEligible")
    StepDetails assign(Actor actor, @PathVariable UUID id, @RequestBody AssignRequest request) {
        return runtime.assign(actor, id, request.userId());
    }

    @PostMapping("/api/workflows/steps/handover")
    @Operation(operationId = "handOverSteps", summary = "Move every open step of one person to another")
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "422", ref = "#/components/responses/NotEligible")
    Handover.Result handOver(Actor actor, @RequestBody HandoverRequest request) {
        return handover.handOver(actor, request.fromUserId(), request.toUserId());
    }

    @PostMapping(path = "/api/workflows/steps/{id}/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(operationId = "uploadDocument", summary = "Upload a document to a REQUEST_DOC_CLIENT step",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
            schema = @Schema(implementation = UploadForm.class))))
    @ApiResponse(responseCode = "201", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
            schema = @Schema(ref = "#/components/schemas/ProblemDetail")))
    @ApiResponse(responseCode = "429", content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
            schema = @Schema(ref = "#/components/schemas/ProblemDetail")))
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
    @Operation(operationId = "listDocuments", summary = "The documents uploaded to a step")
    List<DocumentResponse> documents(Actor actor, @PathVariable UUID id) {
        return reads.forStep(actor, id).stream().map(DocumentResponse::of).toList();
    }

}
