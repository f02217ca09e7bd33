package io.matterflow.instance.internal;

import java.util.List;

import io.matterflow.action.DocumentInfo;
import io.matterflow.directory.Actor;
import io.matterflow.instance.ClientView;
import io.matterflow.instance.DocumentReads;
import io.matterflow.instance.StepDetails;
import io.matterflow.instance.StepDocuments;

/**
 * The documents a step's completion fragment may show, read when the fragment asks for them (only the types that
 * show documents do): nothing where the viewer is a client who does not see the step's content.
 */
final class ShownDocuments {

    private final Actor actor;
    private final StepDocuments documents;
    private final DocumentReads reads;

    ShownDocuments(Actor actor, StepDocuments documents, DocumentReads reads) {
        this.actor = actor;
        this.documents = documents;
        this.reads = reads;
    }

    /** The documents uploaded to the step, oldest first. */
    public List<DocumentInfo> uploaded(StepDetails step) {
        return shown(step) ? documents.forStep(actor, step.id()) : List.of();
    }

    /** The stored document the step asks to be signed, or null (none, or a reference to an outside system). */
    public DocumentInfo toSign(StepDetails step) {
        return shown(step) ? reads.signatureDocument(actor, step).orElse(null) : null;
    }

    private boolean shown(StepDetails step) {
        return !ClientView.applies(actor) || ClientView.seesContent(step);
    }
}
