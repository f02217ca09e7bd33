package io.matterflow.template.internal;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.data.domain.Sort;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartHttpServletRequest;

import io.matterflow.action.ActionType;
import io.matterflow.action.DocumentResponse;
import io.matterflow.action.RoleScope;
import io.matterflow.calendar.DueRule;
import io.matterflow.condition.Condition;
import io.matterflow.directory.Actor;
import io.matterflow.common.web.PageResponse;
import io.matterflow.common.web.Paging;
import io.matterflow.template.PublishedTemplate;
import io.matterflow.template.StepDefinition;
import io.matterflow.template.TemplateChanges;
import io.matterflow.template.TemplateDetails;
import io.matterflow.template.TemplateDocuments;
import io.matterflow.template.TemplateExport;
import io.matterflow.template.TemplateTransfer;
import io.matterflow.template.Templates;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/workflows/templates")
@Tag(name = "Templates", description = "Workflow templates: draft steps, publishing immutable versions")
class TemplateController {

    private final Templates templates;

    private final TemplateDocuments documents;

    private final TemplateTransfer transfer;

    TemplateController(Templates templates, TemplateDocuments documents, TemplateTransfer transfer) {
        this.templates = templates;
        this.documents = documents;
        this.transfer = transfer;
    }

    @Schema(description = "A step of a template draft; its place in the array is its order")
    record StepRequest(@Schema(example = "Conflict check") @NotBlank @Size(max = 200) String title,
                       @Schema(example = "APPROVAL_LAWYER") @NotNull ActionType actionType,
                       @Schema(description = "Who performs the step", example = "LAWYER") @NotNull RoleScope roleScope,
                       @Schema(description = "Whether later steps wait for this one (default true)") Boolean required,
                       @Schema(description = ActionType.CONFIG_DESCRIPTION) Map<String, Object> actionConfig,
                       @Schema(description = "Whether the matter's client sees this step, its title and state only"
                               + " (default false; CLIENT steps are always the client's)") Boolean clientVisible,
                       @Schema(nullable = true, description = "When the step is due (default: no due date)")
                       DueRule dueRule,
                       @Schema(nullable = true, description = "When the step runs (default: always); its clauses name"
                               + " earlier steps by position") Condition condition,
                       @Schema(nullable = true, description = "The id of the draft step this one keeps (default: a"
                               + " new step); kept ids let migrations of running instances follow a step") UUID id) {
        StepDefinition toDefinition() {
            return new StepDefinition(title, actionType, roleScope, required, actionConfig, clientVisible, dueRule,
                    condition, id);
        }
    }

    record CreateTemplateRequest(@Schema(example = "New client intake") @NotBlank @Size(max = 200) String name,
                                 @Size(max = 2000) String description,
                                 @NotNull @Size(max = Templates.MAX_STEPS) List<@Valid @NotNull StepRequest> steps) {
    }

    record UpdateTemplateRequest(@Size(min = 1, max = 200) String name, @Size(max = 2000) String description,
                                 @Schema(description = "false: no new instances; existing ones run on")
                                 Boolean isActive,
                                 @Schema(description = "Replaces every draft step")
                                 @Size(max = Templates.MAX_STEPS) List<@Valid @NotNull StepRequest> steps) {
    }

    @GetMapping
    @Operation(operationId = "listTemplates", summary = "List templates")
    PageResponse<TemplateDetails> list(Actor actor,
                                       @Parameter(description = "Text to find in the name or description")
                                       @RequestParam(required = false) @Size(max = 200) String q,
                                       @RequestParam(required = false) Integer page,
                                       @RequestParam(required = false) Integer size) {
        return PageResponse.of(templates.search(actor, q, Paging.of(page, size, Sort.by("name", "id"))));
    }

    @PostMapping
    @Operation(operationId = "createTemplate", summary = "Create a template")
    @ApiResponse(responseCode = "201", useReturnTypeSchema = true)
    ResponseEntity<TemplateDetails> create(Actor actor, @Valid @RequestBody CreateTemplateRequest request) {
        var created = templates.create(actor, request.name(), request.description(),
                request.steps().stream().map(StepRequest::toDefinition).toList());
        return ResponseEntity.created(URI.create("/api/workflows/templates/" + created.id())).body(created);
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getTemplate", summary = "Read a template with its draft steps")
    TemplateDetails get(Actor actor, @PathVariable UUID id) {
        return templates.get(actor, id);
    }

    @PatchMapping("/{id}")
    @Operation(operationId = "updateTemplate", summary = "Edit a template")
    TemplateDetails update(Actor actor, @PathVariable UUID id, @Valid @RequestBody UpdateTemplateRequest request) {
        return templates.update(actor, id, new TemplateChanges(request.name(), request.description(),
                request.isActive(), request.steps() == null ? null
                : request.steps().stream().map(StepRequest::toDefinition).toList()));
    }

    @PostMapping("/{id}/publish")
    @Operation(operationId = "publishTemplate", summary = "Publish the draft")
    TemplateDetails publish(Actor actor, @PathVariable UUID id) {
        return templates.publish(actor, id);
    }

    @GetMapping("/{id}/versions")
    @Operation(operationId = "listTemplateVersions", summary = "List published versions")
    List<PublishedTemplate> versions(Actor actor, @PathVariable UUID id) {
        return templates.versions(actor, id);
    }

    @PostMapping(path = "/{id}/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(operationId = "uploadTemplateDocument", summary = "Store a document to sign for a template",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
            schema = @Schema(ref = "#/components/schemas/DocumentUpload"))))
    @ApiResponse(responseCode = "201", useReturnTypeSchema = true)
    ResponseEntity<DocumentResponse> uploadDocument(Actor actor, @PathVariable UUID id,
                                                    MultipartHttpServletRequest request) {
        var info = documents.upload(actor, id, () -> request.getFile("file"));
        return ResponseEntity.status(201).body(DocumentResponse.of(info));
    }

    @GetMapping("/{id}/documents")
    @Operation(operationId = "listTemplateDocuments", summary = "The documents stored for a template")
    List<DocumentResponse> documents(Actor actor, @PathVariable UUID id) {
        return documents.forTemplate(actor, id).stream().map(DocumentResponse::of).toList();
    }

    @GetMapping("/{id}/export")
    @Operation(operationId = "exportTemplate", summary = "Export the draft or a published version as a document")
    ResponseEntity<TemplateExport> export(Actor actor, @PathVariable UUID id,
                                          @Parameter(description = "The published version; none: the draft")
                                          @RequestParam(required = false) Integer version) {
        return attachment(transfer.export(actor, id, version));
    }

    @PostMapping("/import")
    @Operation(operationId = "importTemplate", summary = "Import a template document as a new draft",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = TemplateExport.class))))
    @ApiResponse(responseCode = "201", useReturnTypeSchema = true)
    ResponseEntity<TemplateDetails> importTemplate(Actor actor, @RequestBody JsonNode document) {
        var created = transfer.importTemplate(actor, document);
        return ResponseEntity.created(URI.create("/api/workflows/templates/" + created.id())).body(created);
    }

    /** The document as a file to save: {@code <slug>-v<N>.matterflow.json}. */
    static ResponseEntity<TemplateExport> attachment(TemplateExport document) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(TemplateTransfer.fileName(document)).build().toString())
                .body(document);
    }
}
