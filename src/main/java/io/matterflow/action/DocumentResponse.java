package io.matterflow.action;

import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** A stored document as the API shows it: a step's upload, or a document the firm stored for signing. */
@Schema(description = "A stored document: uploaded to a step, or stored by the firm for signing")
public record DocumentResponse(@Schema(example = "b46e49b1-8b27-4bfb-a5d9-b96e468a3919") UUID id,
                               @Schema(description = "The uploaded file's name", example = "passport.pdf") String name,
                               @Schema(example = "application/pdf") String contentType,
                               @Schema(description = "In bytes", example = "482113") long size,
                               @Schema(description = "The upload scanner's verdict, reported through the uploads"
                                       + " webhook: a REJECTED (infected) document is quarantined and is not served;"
                                       + " it cannot complete a step, and while the firm requires a clean scan, only"
                                       + " ACCEPTED ones can")
                               DocumentStatus status) {

    public static DocumentResponse of(DocumentInfo info) {
        return new DocumentResponse(info.id(), info.name(), info.contentType(), info.size(), info.status());
    }
}
