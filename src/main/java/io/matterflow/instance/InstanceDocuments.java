package io.matterflow.instance;

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
import io.matterflow.common.ForbiddenException;
import io.matterflow.directory.Actor;

/**
 * Documents the firm stores for one instance's signature steps: uploaded by those who edit the instance (admins and
 * the matter's owner) while it is not closed, audited on the instance as {@code instance.document-upload}.
 */
@Service
public class InstanceDocuments {

    private final Instances instances;
    private final Documents documents;
    private final AuditLog audit;

    InstanceDocuments(Instances instances, Documents documents, AuditLog audit) {
        this.instances = instances;
        this.documents = documents;
        this.audit = audit;
    }

    public DocumentInfo upload(Actor actor, UUID instanceId, Supplier<MultipartFile> part) {
        return documents.uploadForSigning(actor.orgId(), actor.userId(), DocumentOwner.instance(instanceId), part,
                () -> instances.requireEditable(actor, instanceId),
                info -> audit.append(new AuditRecord(actor.orgId(), instanceId, actor, "instance.document-upload",
                        "INSTANCE", instanceId, null, null, Map.of("documentId", info.id().toString(),
                                "name", info.name(), "contentType", info.contentType(), "size", info.size(),
                                "sha256", info.sha256()))));
    }

    /**
     * The documents stored for the instance, for the firm's people who see it; a client reads the document of its
     * signature step through that step.
     */
    public List<DocumentInfo> forInstance(Actor actor, UUID instanceId) {
        instances.get(actor, instanceId);
        if (ClientView.applies(actor)) {
            throw new ForbiddenException("the firm's documents are shown to clients through their signature steps");
        }
        return documents.forInstance(actor.orgId(), instanceId);
    }
}
