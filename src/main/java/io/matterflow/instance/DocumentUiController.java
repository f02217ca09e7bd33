package io.matterflow.instance;

import java.util.UUID;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import io.matterflow.common.UiController;
import io.matterflow.directory.Actor;

/** Opening a document from the run view or the matter's Documents tab, with the UI's session. */
@UiController
class DocumentUiController {

    private final DocumentReads reads;

    DocumentUiController(DocumentReads reads) {
        this.reads = reads;
    }

    @GetMapping("/documents/{id}")
    ResponseEntity<InputStreamResource> open(Actor actor, @PathVariable UUID id) {
        return DocumentController.serve(reads.open(actor, id));
    }
}
