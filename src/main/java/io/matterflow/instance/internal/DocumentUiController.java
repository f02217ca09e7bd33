package io.matterflow.instance.internal;

import java.util.UUID;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import io.matterflow.common.web.UiController;
import io.matterflow.directory.Actor;
import io.matterflow.instance.DocumentReads;

/** Opening a document from the run view or the matter's Documents tab, with the UI's session. */
@UiController
class DocumentUiController {

    private final DocumentReads reads;
    private final io.matterflow.access.Matters matters;
    private final io.matterflow.directory.Directory directory;
    private final io.matterflow.access.MatterAccess access;

    DocumentUiController(DocumentReads reads, io.matterflow.access.Matters matters,
                         io.matterflow.directory.Directory directory, io.matterflow.access.MatterAccess access) {
        this.reads = reads;
        this.matters = matters;
        this.directory = directory;
        this.access = access;
    }

    /** The matter's Documents tab: everything uploaded to its workflows that the viewer may open. */
    @GetMapping("/matters/{id}/documents")
    String list(Actor actor, @PathVariable UUID id, org.springframework.ui.Model model) {
        model.addAttribute("section", "matters");
        var matter = matters.get(actor, id);
        model.addAttribute("matter", matter);
        model.addAttribute("canManage", access.canManage(matter, actor));
        model.addAttribute("documents", reads.forMatter(actor, id));
        java.util.Map<UUID, String> names = new java.util.HashMap<>();
        directory.users(actor.orgId()).forEach(u -> names.put(u.id(), u.displayName()));
        model.addAttribute("names", names);
        return "instance/documents";
    }

    @GetMapping("/workflows/steps/{id}/signature-document")
    ResponseEntity<InputStreamResource> signatureDocument(Actor actor, @PathVariable UUID id) {
        return DocumentController.serve(reads.openForSignature(actor, id));
    }

    @GetMapping("/documents/{id}")
    ResponseEntity<InputStreamResource> open(Actor actor, @PathVariable UUID id) {
        return DocumentController.serve(reads.open(actor, id));
    }
}
