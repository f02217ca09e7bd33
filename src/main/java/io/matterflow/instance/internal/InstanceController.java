package io.matterflow.instance.internal;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartHttpServletRequest;

import io.matterflow.action.ActionType;
import io.matterflow.action.DocumentResponse;
import io.matterflow.action.RoleScope;
import io.matterflow.audit.AuditEvent;
import io.matterflow.directory.Actor;
import io.matterflow.common.web.PageResponse;
import io.matterflow.common.web.Paging;
import io.matterflow.instance.InstanceDetails;
import io.matterflow.instance.InstanceDocuments;
import io.matterflow.instance.Instances;
import io.matterflow.instance.WorkflowStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

@RestController
@Tag(name = "Instances", description = "Workflow instances on matters: instantiate, read, rename, pause, resume, cancel, edit steps")
class InstanceController {

    private final Instances instances;

    private final InstanceDocuments documents;

    InstanceController(Instances instances, InstanceDocuments documents) {
        this.instances = instances;
        this.documents = documents;
    }

    record InstantiateRequest(@Schema(description = "The matter to run the workflow on")
                              @NotNull UUID matterId,
                              @Schema(description = "Default: the template's name")
                              @Size(min = 1, max = 200) String title,
                              @Schema(description = "false: a DRAFT with every step PENDING (default true)")
                              Boolean activate,
                              @Schema(description = "The published version to copy (default: the newest)")
                              @Positive Integer version) {
    }

    record UpdateInstanceRequest(@Size(min = 1, max = 200) String title,
                                 @Schema(description = "ACTIVE↔PAUSED, DRAFT→ACTIVE, DRAFT|ACTIVE|PAUSED→CANCELED")
                                 WorkflowStatus status) {
    }

    record AddStepRequest(@NotBlank @Size(max = 200) String title, @NotNull ActionType actionType,
                          @NotNull RoleScope roleScope,
                          @Schema(description = "Whether later steps wait for this one (default true)")
                          Boolean required,
                          @Schema(description = ActionType.CONFIG_DESCRIPTION) Map<String, Object> actionConfig,
                          @Schema(description = "Where to insert it, from 0 (default: at the end)")
                          @PositiveOrZero @Max(1000) Integer order,
                          @Schema(description = "Whether the matter's client sees the step, its title and state only"
                                  + " (default false; CLIENT steps are always the client's)") Boolean clientVisible) {
    }

    record EditStepRequest(@Size(min = 1, max = 200) String title,
                           @Schema(description = "While the step is PENDING or READY") RoleScope roleScope,
                           @Schema(description = "While the step is PENDING or READY") Boolean required,
                           @Schema(description = "While the step is PENDING or READY. " + ActionType.CONFIG_DESCRIPTION)
                           Map<String, Object> actionConfig,
                           @Schema(description = "Moves the step there (from 0); the others shift")
                           @PositiveOrZero @Max(1000) Integer order,
                           @Schema(description = "Whether the matter's client sees the step, its title and state only;"
                                   + " in any state") Boolean clientVisible) {
    }


    @PostMapping("/api/workflows/templates/{id}/instantiate")
    @Operation(operationId = "instantiateTemplate", tags = "Instances", summary = "Instantiate a template on a matter",
            description = "Copies the newest published version (or `version`). ACTIVE by default, with every step up to and including the first required one READY; `activate: false` gives a DRAFT with all steps PENDING. Admins, the matter's owner and its lawyers. 409 for an inactive or never published template.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = {
                    @ExampleObject(name = "active", summary = "Start now", value = InstanceExamples.INSTANTIATE),
                    @ExampleObject(name = "draft", summary = "A DRAFT of version 1, to adjust before activating",
                            value = InstanceExamples.INSTANTIATE_DRAFT)})))
    @ApiResponse(responseCode = "201", useReturnTypeSchema = true,
            description = "The new instance with its steps; `Location` names it",
            content = @Content(examples = @ExampleObject(name = "active", value = InstanceExamples.INSTANTIATED)))
    ResponseEntity<InstanceDetails> instantiate(Actor actor, @PathVariable UUID id,
                                                @Valid @RequestBody InstantiateRequest request) {
        var created = instances.instantiate(actor, new Instances.Instantiate(id, request.matterId(), request.title(),
                request.activate() == null || request.activate(), request.version()));
        return ResponseEntity.created(URI.create("/api/workflows/instances/" + created.id())).body(created);
    }

    @GetMapping("/api/workflows/instances")
    @Operation(operationId = "listInstances", summary = "List a matter's instances",
            description = "Newest first, each with its steps in order.")
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true, description = "A page of instances",
            content = @Content(examples = @ExampleObject(name = "page", value = InstanceExamples.PAGE)))
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    PageResponse<InstanceDetails> list(Actor actor,
                                       @Parameter(description = "The matter") @RequestParam UUID matterId,
                                       @RequestParam(required = false) Integer page,
                                       @RequestParam(required = false) Integer size) {
        return PageResponse.of(instances.forMatter(actor, matterId, Paging.of(page, size)));
    }

    @GetMapping("/api/workflows/instances/{id}")
    @Operation(operationId = "getInstance", summary = "Read an instance with its steps in order",
            description = "The matter's members and the firm's admins. A client sees its own steps and those the firm"
                    + " marked `clientVisible` (title and state only).")
    InstanceDetails get(Actor actor, @PathVariable UUID id) {
        return instances.get(actor, id);
    }

    @PatchMapping("/api/workflows/instances/{id}")
    @Operation(operationId = "updateInstance", summary = "Rename, pause, resume or cancel an instance",
            description = "`status`: ACTIVE↔PAUSED, DRAFT→ACTIVE, DRAFT|ACTIVE|PAUSED→CANCELED. Admins and the matter's owner.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = {
                    @ExampleObject(name = "rename", summary = "Rename", value = InstanceExamples.RENAME),
                    @ExampleObject(name = "pause", summary = "Pause", value = InstanceExamples.PAUSE),
                    @ExampleObject(name = "cancel", summary = "Cancel", value = InstanceExamples.CANCEL)})))
    InstanceDetails update(Actor actor, @PathVariable UUID id, @Valid @RequestBody UpdateInstanceRequest request) {
        return instances.update(actor, id, request.title(), request.status());
    }

    @PostMapping("/api/workflows/instances/{id}/steps")
    @Operation(operationId = "addStep", summary = "Add a step",
            description = "At `order` (0-based) or at the end. Admins and the matter's owner.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples =
                    @ExampleObject(name = "approval", summary = "A second approval after the conflict check",
                            value = InstanceExamples.ADD_STEP))))
    @ApiResponse(responseCode = "201", useReturnTypeSchema = true,
            description = "The instance with the new step in place")
    ResponseEntity<InstanceDetails> addStep(Actor actor, @PathVariable UUID id,
                                            @Valid @RequestBody AddStepRequest request) {
        var updated = instances.addStep(actor, id, new Instances.NewStep(request.title(), request.actionType(),
                request.roleScope(), request.required(), request.actionConfig(), request.order(),
                request.clientVisible()));
        return ResponseEntity.status(201).body(updated);
    }

    @PatchMapping("/api/workflows/instances/{id}/steps/{stepId}")
    @Operation(operationId = "editStep", summary = "Edit or move a step",
            description = "Title and order any time; role, required flag and config while the step is PENDING or READY. A new `order` moves the step and shifts the others. Admins and the matter's owner.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = {
                    @ExampleObject(name = "move", summary = "Move to position 3", value = InstanceExamples.MOVE_STEP),
                    @ExampleObject(name = "edit", summary = "Change title and config",
                            value = InstanceExamples.EDIT_STEP)})))
    InstanceDetails editStep(Actor actor, @PathVariable UUID id, @PathVariable UUID stepId,
                             @Valid @RequestBody EditStepRequest request) {
        return instances.editStep(actor, id, stepId, new Instances.StepChanges(request.title(), request.roleScope(),
                request.required(), request.actionConfig(), request.order(), request.clientVisible()));
    }

    @DeleteMapping("/api/workflows/instances/{id}/steps/{stepId}")
    @Operation(operationId = "removeStep", summary = "Remove a step that has not started",
            description = "Admins and the matter's owner.")
    InstanceDetails removeStep(Actor actor, @PathVariable UUID id, @PathVariable UUID stepId) {
        return instances.removeStep(actor, id, stepId);
    }

    @PostMapping("/api/workflows/instances/{id}/advance")
    @Operation(operationId = "advanceInstance", summary = "Re-evaluate readiness and completion",
            description = "Makes due steps READY and completes the instance when every required step is done; changes nothing when nothing is due.")
    InstanceDetails advance(Actor actor, @PathVariable UUID id) {
        return instances.advance(actor, id);
    }

    @GetMapping("/api/workflows/instances/{id}/audit")
    @Operation(operationId = "instanceAudit", summary = "The instance's audit trail",
            description = "Every event of the instance and its steps, oldest first. The firm's: a client is refused (403).")
    List<AuditEvent> audit(Actor actor, @PathVariable UUID id) {
        return instances.audit(actor, id);
    }

    @PostMapping(path = "/api/workflows/instances/{id}/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(operationId = "uploadInstanceDocument", summary = "Store a document to sign for an instance",
            description = "multipart/form-data with the file in the part `file`: a PDF or Word (.docx) document for"
                    + " this instance's SIGNATURE_CLIENT steps; set a step's `actionConfig.documentId` to the answer's"
                    + " `id`. Admins and the matter's owner, while the instance is not COMPLETED or CANCELED (409)."
                    + " Checked as every upload: the instance (404) and the caller (403) before the body is read, then"
                    + " the type and content (415), the size limit (413) and the caller's daily upload limit (429)."
                    + " Audited as `instance.document-upload`.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                            schema = @Schema(ref = "#/components/schemas/DocumentUpload"))))
    @ApiResponse(responseCode = "201", useReturnTypeSchema = true, description = "The stored document")
    ResponseEntity<DocumentResponse> uploadDocument(Actor actor, @PathVariable UUID id,
                                                    MultipartHttpServletRequest request) {
        var info = documents.upload(actor, id, () -> request.getFile("file"));
        return ResponseEntity.status(201).body(DocumentResponse.of(info));
    }

    @GetMapping("/api/workflows/instances/{id}/documents")
    @Operation(operationId = "listInstanceDocuments", summary = "The documents stored for an instance",
            description = "Oldest first: the documents to sign stored for this instance (those of its template are"
                    + " listed with the template). The firm's people who see the instance; a client reads the"
                    + " document of its signature step through that step (403 here).")
    List<DocumentResponse> documents(Actor actor, @PathVariable UUID id) {
        return documents.forInstance(actor, id).stream().map(DocumentResponse::of).toList();
    }
}
