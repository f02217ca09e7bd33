package io.matterflow.instance.internal;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.matterflow.directory.Actor;
import io.matterflow.instance.DocumentReads;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** A document's content, for API clients; the web UI serves the same through {@link DocumentUiController}. */
@RestController
@Tag(name = "Steps")
class DocumentController {

    private final DocumentReads reads;

    DocumentController(DocumentReads reads) {
        this.reads = reads;
    }

    @GetMapping("/api/documents/{id}/content")
    @Operation(operationId = "documentContent", summary = "A document's content")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/octet-stream",
            schema = @Schema(type = "string", format = "binary")))
    ResponseEntity<InputStreamResource> content(Actor actor, @PathVariable UUID id) {
        return serve(reads.open(actor, id));
    }

    @GetMapping("/api/workflows/steps/{id}/signature-document")
    @Operation(operationId = "signatureDocument", summary = "The document a signature step asks to sign")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/octet-stream",
            schema = @Schema(type = "string", format = "binary")))
    ResponseEntity<InputStreamResource> signatureDocument(Actor actor, @PathVariable UUID id) {
        return serve(reads.openForSignature(actor, id));
    }

    /** The response for an opened document: its type, disposition and the headers that keep a browser safe. */
    static ResponseEntity<InputStreamResource> serve(DocumentReads.Content content) {
        var info = content.info();
        var disposition = (content.inline() ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(info.name(), StandardCharsets.UTF_8).build();
        var response = ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(info.contentType()))
                .contentLength(info.size())
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store");
        if (content.inline()) {
            response.header("Content-Security-Policy", "sandbox; default-src 'none'; img-src 'self';"
                    + " style-src 'unsafe-inline'");
        }
        return response.body(new InputStreamResource(content.stream()));
    }
}
