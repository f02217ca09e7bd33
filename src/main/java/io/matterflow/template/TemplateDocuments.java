package io.matterflow.template;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

import io.matterflow.action.DocumentInfo;
import io.matterflow.action.DocumentOwner;
import io.matterflow.action.Documents;
import io.matterflow.audit.AuditLog;
import io.matterflow.audit.AuditRecord;
import io.matterflow.common.NotFoundException;
import io.matterflow.directory.Actor;
import io.matterflow.template.internal.TemplateRepository;

/**
 * Documents the firm stores for a template's signature steps (the engagement letter): uploaded by those who edit
 * templates (ADMIN and LAWYER), audited on the template as {@code template.document-upload}. They never change, so
 * a published version and every instance made from it keep naming the same document.
 */
@Service
public class TemplateDocuments {

    private final TemplateRepository templates;
    private final Documents documents;
    private final AuditLog audit;

    TemplateDocuments(TemplateRepository templates, Documents documents, AuditLog audit) {
        this.templates = templates;
        this.documents = documents;
        this.audit = audit;
    }

    public DocumentInfo upload(Actor actor, UUID templateId, Supplier<MultipartFile> part) {
        return documents.uploadForSigning(actor.orgId(), actor.userId(), DocumentOwner.template(templateId), part,
                () -> requireEditable(actor, templateId),
                info -> audit.append(new AuditRecord(actor.orgId(), templateId, actor, "template.document-upload",
                        "TEMPLATE", templateId, null, null, Map.of("documentId", info.id().toString(),
                                "name", info.name(), "contentType", info.contentType(), "size", info.size(),
                                "sha256", info.sha256()))));
    }

    /** The documents stored for the template, for those who read templates. */
    public List<DocumentInfo> forTemplate(Actor actor, UUID templateId) {
        Templates.requireReader(actor);
        templates.findByIdAndOrgId(templateId, actor.orgId())
                .orElseThrow(() -> new NotFoundException("Template", templateId));
        return documents.forTemplate(actor.orgId(), templateId);
    }

    private void requireEditable(Actor actor, UUID templateId) {
        Templates.requireAuthor(actor);
        templates.findByIdAndOrgId(templateId, actor.orgId())
                .orElseThrow(() -> new NotFoundException("Template", templateId));
    }
}
