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
import io.matterflow.calendar.DueRule;
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
                                  + " (default false; CLIENT steps are always the client's)") Boolean clientVisible,
                          @Schema(nullable = true, description = "When the step is due (default: no due date);"
                                  + " STEP_COMPLETED names the other step by `stepId`") DueRule dueRule) {
    }

    record EditStepRequest(@Size(min = 1, max = 200) String title,
                           @Schema(description = "While the step is PENDING or READY") RoleScope roleScope,
                           @Schema(description = "While the step is PENDING or READY") Boolean required,
                           @Schema(description = "While the step is PENDING or READY. " + ActionType.CONFIG_DESCRIPTION)
                           Map<String, Object> actionConfig,
                           @Schema(description = "Moves the step there (from 0); the others shift")
                           @PositiveOrZero @Max(1000) Integer order,
                           @Schema(description = "Whether the matter's client sees the step, its title and state only;"
                                   + " in any state") Boolean clientVisible,
                           @Schema(nullable = true, description = "A new due rule, recomputing the date (not on a"
                                   + " COMPLETED or SKIPPED step); STEP_COMPLETED names the other step by `stepId`")
                           DueRule dueRule,
                           @Schema(nullable = true, description = "true: the step no longer has a due rule, nor the"
                                   + " date it gave") Boolean removeDueRule) {
    }


    @PostMapping("/api/workflows/templates/{id}/instantiate")
    @Operation(operationId = "instantiateTemplate", tags = "Instances", summary = "Instantiate a template on a matter")
    @ApiResponse(responseCode = "201", useReturnTypeSchema = true)
    ResponseEntity<InstanceDetails> instantiate(Actor actor, @PathVariable UUID id,
                                                @Valid @RequestBody InstantiateRequest request) {
        var created = instances.instantiate(actor, new Instances.Instantiate(id, request.matterId(), request.title(),
                request.activate() == null || request.activate(), request.version()));
        return ResponseEntity.created(URI.create("/api/workflows/instances/" + created.id())).body(created);
    }

    @GetMapping("/api/workflows/instances")
    @Operation(operationId = "listInstances", summary = "List a matter's instances")
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    PageResponse<InstanceDetails> list(Actor actor,
                                       @Parameter(description = "The matter") @RequestParam UUID matterId,
                                       @RequestParam(required = false) Integer page,
                                       @RequestParam(required = false) Integer size) {
        return PageResponse.of(instances.forMatter(actor, matterId, Paging.of(page, size)));
    }

    @GetMapping("/api/workflows/instances/{id}")
    @Operation(operationId = "getInstance", summary = "Read an instance with its steps in order")
    InstanceDetails get(Actor actor, @PathVariable UUID id) {
        return instances.get(actor, id);
    }

    @PatchMapping("/api/workflows/instances/{id}")
    @Operation(operationId = "updateInstance", summary = "Rename, pause, resume or cancel an instance")
    InstanceDetails update(Actor actor, @PathVariable UUID id, @Valid @RequestBody UpdateInstanceRequest request) {
        return instances.update(actor, id, request.title(), request.status());
    }

    @PostMapping("/api/workflows/instances/{id}/steps")
    @Operation(operationId = "addStep", summary = "Add a step")
    @ApiResponse(responseCode = "201", useReturnTypeSchema = true)
    ResponseEntity<InstanceDetails> addStep(Actor actor, @PathVariable UUID id,
                                            @Valid @RequestBody AddStepRequest request) {
        var updated = instances.addStep(actor, id, new Instances.NewStep(request.title(), request.actionType(),
                request.roleScope(), request.required(), request.actionConfig(), request.order(),
                request.clientVisible(), request.dueRule()));
        return ResponseEntity.status(201).body(updated);
    }

    @PatchMapping("/api/workflows/instances/{id}/steps/{stepId}")
    @Operation(operationId = "editStep", summary = "Edit or move a step")
    InstanceDetails editStep(Actor actor, @PathVariable UUID id, @PathVariable UUID stepId,
                             @Valid @RequestBody EditStepRequest request) {
        return instances.editStep(actor, id, stepId, new Instances.StepChanges(request.title(), request.roleScope(),
                request.required(), request.actionConfig(), request.order(), request.clientVisible(),
                request.dueRule(), request.removeDueRule()));
    }

    @DeleteMapping("/api/workflows/instances/{id}/steps/{stepId}")
    @Operation(operationId = "removeStep", summary = "Remove a step that has not started")
    InstanceDetails removeStep(Actor actor, @PathVariable UUID id, @PathVariable UUID stepId) {
        return instances.removeStep(actor, id, stepId);
    }

    @PostMapping("/api/workflows/instances/{id}/advance")
    @Operation(operationId = "advanceInstance", summary = "Re-evaluate readiness and completion")
    InstanceDetails advance(Actor actor, @PathVariable UUID id) {
        return instances.advance(actor, id);
    }

    @GetMapping("/api/workflows/instances/{id}/audit")
    @Operation(operationId = "instanceAudit", summary = "The instance's audit trail")
    List<AuditEvent> audit(Actor actor, @PathVariable UUID id) {
        return instances.audit(actor, id);
    }

    @PostMapping(path = "/api/workflows/instances/{id}/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(operationId = "uploadInstanceDocument", summary = "Store a document to sign for an instance",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
            schema = @Schema(ref = "#/components/schemas/DocumentUpload"))))
    @ApiResponse(responseCode = "201", useReturnTypeSchema = true)
    ResponseEntity<DocumentResponse> uploadDocument(Actor actor, @PathVariable UUID id,
                                                    MultipartHttpServletRequest request) {
        var info = documents.upload(actor, id, () -> request.getFile("file"));
        return ResponseEntity.status(201).body(DocumentResponse.of(info));
    }

    @GetMapping("/api/workflows/instances/{id}/documents")
    @Operation(operationId = "listInstanceDocuments", summary = "The documents stored for an instance")
    List<DocumentResponse> documents(Actor actor, @PathVariable UUID id) {
        return documents.forInstance(actor, id).stream().map(DocumentResponse::of).toList();
    }
}
