package io.matterflow.instance;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.matterflow.access.StepAccess;
import io.matterflow.access.StepRef;
import io.matterflow.action.AcceptedTypes;
import io.matterflow.action.ActionState;
import io.matterflow.action.ActionType;
import io.matterflow.action.DocumentInfo;
import io.matterflow.action.DocumentRequestConfig;
import io.matterflow.action.Documents;
import io.matterflow.action.FileNames;
import io.matterflow.action.ActionRegistry;
import io.matterflow.audit.AuditLog;
import io.matterflow.audit.AuditRecord;
import io.matterflow.common.ConflictException;
import io.matterflow.common.ForbiddenException;
import io.matterflow.common.NotFoundException;
import io.matterflow.common.TooLargeException;
import io.matterflow.common.UnsupportedTypeException;
import io.matterflow.common.ValidationException;
import io.matterflow.directory.Actor;

/**
 * Uploads to a REQUEST_DOC_CLIENT step: by its performer, while it is READY or IN_PROGRESS, of an accepted type and
 * within the size limit. Each upload is audited; completing the step names the documents.
 */
@Service
public class StepDocuments {

    public static final int MAX_NAME = 255;

    private final InstanceStepRepository steps;
    private final InstanceRepository instances;
    private final StepAccess access;
    private final Documents documents;
    private final ActionRegistry registry;
    private final AuditLog audit;

    StepDocuments(InstanceStepRepository steps, InstanceRepository instances, StepAccess access, Documents documents,
                  ActionRegistry registry, AuditLog audit) {
        this.steps = steps;
        this.instances = instances;
        this.access = access;
        this.documents = documents;
        this.registry = registry;
        this.audit = audit;
    }

    public long maxSize() {
        return documents.maxSize();
    }

    /** 413 for a file over the limit; callers check the declared size before reading the bytes. */
    public void requireWithinLimit(long size) {
        if (size > documents.maxSize()) {
            throw new TooLargeException("the upload is larger than the limit of " + documents.maxSize() + " bytes");
        }
    }

    @Transactional
    public DocumentInfo upload(Actor actor, UUID stepId, String fileName, String contentType, byte[] content) {
        InstanceStepEntity step = steps.findByIdAndOrgId(stepId, actor.orgId())
                .orElseThrow(() -> new NotFoundException("Step", stepId));
        InstanceEntity instance = instances.findById(step.instanceId())
                .orElseThrow(() -> new NotFoundException("Step", stepId));
        var ref = new StepRef(step.id(), instance.id(), instance.matterId(), instance.orgId(), step.roleScope(),
                step.assignedToId());
        if (!access.canPerform(ref, actor)) {
            throw new ForbiddenException("only the step's performer may upload documents to it");
        }
        if (step.actionType() != ActionType.REQUEST_DOC_CLIENT) {
            throw new ConflictException("Not a document request", "documents are uploaded to "
                    + ActionType.REQUEST_DOC_CLIENT + " steps only");
        }
        if (instance.status() != WorkflowStatus.ACTIVE
                || (step.state() != ActionState.READY && step.state() != ActionState.IN_PROGRESS)) {
            throw new ConflictException("Not accepting documents", "documents can be uploaded while the step is READY"
                    + " or IN_PROGRESS and its instance ACTIVE", Map.of("state", step.state().name()));
        }
        String name = name(fileName);
        if (content.length == 0) {
            throw ValidationException.of("Invalid upload", "file", "must not be empty");
        }
        requireWithinLimit(content.length);
        String type = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType;
        var config = (DocumentRequestConfig) registry.parseConfig(step.actionType(), step.actionConfig());
        if (!AcceptedTypes.accepts(config.acceptedTypes(), name, type)) {
            throw new UnsupportedTypeException("this document request accepts only " + config.acceptedTypes());
        }
        if (!io.matterflow.action.FileContent.consistent(name, type, content)) {
            throw new UnsupportedTypeException("the file's content is not a PDF, PNG, JPEG, GIF, Office (ZIP) document"
                    + " or plain text matching its name and declared type");
        }
        DocumentInfo info = documents.store(actor.orgId(), stepId, actor.userId(), name, type, content);
        audit.append(new AuditRecord(actor.orgId(), instance.id(), actor, "step.document-upload", "STEP", stepId,
                step.state().name(), step.state().name(), Map.of("documentId", info.id().toString(), "name", name,
                        "contentType", type, "size", info.size(), "sha256", info.sha256())));
        return info;
    }

    /**
     * The name as kept: without invisible or display-changing characters ({@link FileNames}); 400 when blank, or
     * when it holds a NUL, which no file name has by mistake (as JSON strings with NUL are refused).
     */
    private static String name(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            throw ValidationException.of("Invalid upload", "file", "must have a name of 1 to " + MAX_NAME
                    + " characters");
        }
        if (fileName.indexOf('\0') >= 0) {
            throw ValidationException.of("Invalid upload", "file", FileNames.NUL_IN_NAME);
        }
        String name = FileNames.clean(fileName);
        if (name.length() > MAX_NAME) {
            throw ValidationException.of("Invalid upload", "file", "must have a name of 1 to " + MAX_NAME
                    + " characters");
        }
        return name;
    }

    /**
     * Records an upload scanner's verdict on a document: clean → ACCEPTED, infected → REJECTED (it can no longer
     * complete its step). The scanner knows no organization; the document tells it. Audited on the document's step
     * as {@code step.document-scan}, with the scanning provider as the actor. Joins the caller's transaction.
     */
    @Transactional
    public DocumentInfo recordScan(String provider, UUID documentId, boolean clean) {
        DocumentInfo info = documents.recordScan(documentId, clean);
        InstanceStepEntity step = steps.findByIdAndOrgId(info.stepId(), info.orgId())
                .orElseThrow(() -> new NotFoundException("Document", documentId));
        Actor actor = Actor.provider(info.orgId(), provider);
        audit.append(new AuditRecord(info.orgId(), step.instanceId(), actor, "step.document-scan", "STEP", step.id(),
                step.state().name(), step.state().name(), Map.of("documentId", info.id().toString(),
                        "name", info.name(), "verdict", clean ? "clean" : "infected", "status", info.status().name())));
        return info;
    }

    public List<DocumentInfo> forStep(Actor actor, UUID stepId) {
        steps.findByIdAndOrgId(stepId, actor.orgId()).orElseThrow(() -> new NotFoundException("Step", stepId));
        return documents.forStep(stepId);
    }

}
