package io.matterflow.instance;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.matterflow.action.ActionRegistry;
import io.matterflow.action.DocumentInfo;
import io.matterflow.action.Documents;
import io.matterflow.audit.AuditLog;
import io.matterflow.audit.AuditRecord;
import io.matterflow.common.ConflictException;
import io.matterflow.common.NotFoundException;
import io.matterflow.directory.Actor;
import io.matterflow.instance.internal.InstanceRepository;
import io.matterflow.template.Templates;

/**
 * Opening a document: everyone who may see a step's content (its matter's people and the firm's admins; a client its
 * own steps only, by the rule of {@link ClientView}) opens its documents. Every read of a document's content is
 * audited on its step ({@code step.document-read}); a document the upload scanner found infected is not served.
 */
@Service
public class DocumentReads {

    /** Types a browser may show inline, under a sandboxing Content-Security-Policy; everything else is a download. */
    static final Set<String> INLINE = Set.of("application/pdf", "image/png", "image/jpeg", "image/gif");

    private final Documents documents;
    private final Instances instances;
    private final InstanceRepository instanceRows;
    private final Templates templates;
    private final AuditLog audit;
    private final ActionRegistry registry;

    DocumentReads(Documents documents, Instances instances, InstanceRepository instanceRows, Templates templates,
                  AuditLog audit, ActionRegistry registry) {
        this.registry = registry;
        this.documents = documents;
        this.instances = instances;
        this.instanceRows = instanceRows;
        this.templates = templates;
        this.audit = audit;
    }

    /** A document's content, opened for the caller: close the stream. {@code inline} for PDF and images. */
    public record Content(DocumentInfo info, InputStream stream, boolean inline) {
    }

    @Transactional
    public Content open(Actor actor, UUID documentId) {
        DocumentInfo info = documents.find(actor.orgId(), documentId)
                .orElseThrow(() -> new NotFoundException("Document", documentId));
        if (info.firms()) {
            return openFirms(actor, info);
        }
        StepDetails step = visibleStep(actor, info);
        return read(actor, step, info);
    }

    /**
     * The document a SIGNATURE_CLIENT step's config names ({@code actionConfig.documentId}), for whoever may see the
     * step's content: the client on its own signature step, the matter's people and the firm's admins. Audited on
     * the step as {@code step.document-read}. 404 when the step names no stored document (a free-text reference) or
     * one that is not its instance's or its template's.
     */
    @Transactional
    public Content openForSignature(Actor actor, UUID stepId) {
        StepDetails step = instances.stepContent(actor, stepId);
        return read(actor, step, signatureDocument(actor, step)
                .orElseThrow(() -> new NotFoundException("Document to sign of step", stepId)));
    }

    /**
     * The stored document a step names for signing ({@link io.matterflow.action.ActionHandler#documentsToSign}), if
     * it names one of its instance's or its template's.
     */
    public java.util.Optional<DocumentInfo> signatureDocument(Actor actor, StepDetails step) {
        var toSign = registry.find(step.actionType()).map(h -> h.documentsToSign(step.actionConfig()))
                .orElse(Map.of());
        if (toSign.isEmpty()) {
            return java.util.Optional.empty();
        }
        var instance = instanceRows.findByIdAndOrgId(step.instanceId(), actor.orgId()).orElseThrow();
        return toSign.values().stream().map(id -> documents.find(actor.orgId(), id)).flatMap(java.util.Optional::stream)
                .filter(d -> instance.id().equals(d.instanceId()) || instance.templateId().equals(d.templateId()))
                .findFirst();
    }

    private Content read(Actor actor, StepDetails step, DocumentInfo info) {
        requireServable(info);
        audit.append(new AuditRecord(actor.orgId(), step.instanceId(), actor, "step.document-read", "STEP", step.id(),
                step.actionState().name(), step.actionState().name(), Map.of("documentId", info.id().toString(),
                        "name", info.name())));
        return new Content(info, documents.open(actor.orgId(), info.id()), INLINE.contains(info.contentType()));
    }

    /**
     * A document the firm stored for signing, opened by its id: for the firm's people who read the template (admins,
     * lawyers, paralegals) or who see the instance. Clients read it through their signature step only: 404 here, as
     * for an unknown id. Audited on the template or instance as {@code document-read}.
     */
    private Content openFirms(Actor actor, DocumentInfo info) {
        if (ClientView.applies(actor) || !actor.isUser()) {
            throw new NotFoundException("Document", info.id());
        }
        UUID stream;
        String entity;
        if (info.templateId() != null) {
            templates.get(actor, info.templateId());
            stream = info.templateId();
            entity = "TEMPLATE";
        } else {
            try {
                instances.get(actor, info.instanceId());
            } catch (NotFoundException hidden) {
                throw new NotFoundException("Document", info.id());
            }
            stream = info.instanceId();
            entity = "INSTANCE";
        }
        requireServable(info);
        audit.append(new AuditRecord(actor.orgId(), stream, actor, entity.toLowerCase(java.util.Locale.ROOT)
                + ".document-read", entity, stream, null, null, Map.of("documentId", info.id().toString(),
                        "name", info.name())));
        return new Content(info, documents.open(actor.orgId(), info.id()), INLINE.contains(info.contentType()));
    }

    private static void requireServable(DocumentInfo info) {
        if (info.rejected()) {
            throw new ConflictException("Document quarantined", "the upload scanner found this document infected;"
                    + " it is not served", Map.of("documentStatus", info.status().name()));
        }
    }

    /** The documents of a step, for someone who may see its content. */
    public List<DocumentInfo> forStep(Actor actor, UUID stepId) {
        StepDetails step = instances.stepContent(actor, stepId);
        return documents.forStep(step.id());
    }

    /** A document as the matter's Documents tab lists it: with its step and workflow. */
    public record Listed(DocumentInfo info, StepDetails step, InstanceDetails instance) {
    }

    /** Every document of the matter's workflows the caller may open, newest first. */
    public List<Listed> forMatter(Actor actor, UUID matterId) {
        List<Listed> listed = new java.util.ArrayList<>();
        for (InstanceDetails instance : instances.forMatter(actor, matterId,
                org.springframework.data.domain.PageRequest.of(0, 500)).getContent()) {
            for (StepDetails step : instance.steps()) {
                if (!ClientView.applies(actor) || ClientView.seesContent(step)) {
                    documents.forStep(step.id()).forEach(d -> listed.add(new Listed(d, step, instance)));
                }
            }
        }
        listed.sort(java.util.Comparator.comparing((Listed l) -> l.info().uploadedAt()).reversed());
        return listed;
    }

    private StepDetails visibleStep(Actor actor, DocumentInfo info) {
        try {
            return instances.stepContent(actor, info.stepId());
        } catch (NotFoundException hidden) {
            throw new NotFoundException("Document", info.id());
        }
    }
}
