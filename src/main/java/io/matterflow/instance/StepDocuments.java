package io.matterflow.instance;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.multipart.MultipartFile;

import io.matterflow.access.StepAccess;
import io.matterflow.access.StepRef;
import io.matterflow.action.ActionRegistry;
import io.matterflow.action.ActionState;
import io.matterflow.action.ActionHandler;
import io.matterflow.action.DocumentInfo;
import io.matterflow.action.Documents;
import io.matterflow.action.ReceivedFile;
import io.matterflow.action.ScanRecorded;
import io.matterflow.audit.AuditEvent;
import io.matterflow.audit.AuditLog;
import io.matterflow.audit.AuditRecord;
import io.matterflow.common.ConflictException;
import io.matterflow.common.ForbiddenException;
import io.matterflow.common.NotFoundException;
import io.matterflow.directory.Actor;
import io.matterflow.instance.internal.InstanceEntity;
import io.matterflow.instance.internal.InstanceRepository;
import io.matterflow.instance.internal.InstanceStepEntity;
import io.matterflow.instance.internal.InstanceStepRepository;

/**
 * Uploads to a REQUEST_DOC_CLIENT step: by its performer, while it is READY or IN_PROGRESS, of an accepted type and
 * content, within the size limit and the step's and person's upload limits. The order matters: everything that can
 * be decided without the body is decided before it is read ({@link #checkUpload}), and the body is then streamed to
 * storage, hashed on the way, never held in memory. Each upload is audited; completing the step names the documents.
 * Also the upload scanner's verdicts ({@link #recordScan}).
 */
@Service
public class StepDocuments {

    public static final int MAX_NAME = Documents.MAX_NAME;

    private final InstanceStepRepository steps;
    private final InstanceRepository instances;
    private final StepAccess access;
    private final Documents documents;
    private final ActionRegistry registry;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final TransactionTemplate reads;

    StepDocuments(InstanceStepRepository steps, InstanceRepository instances, StepAccess access, Documents documents,
                  ActionRegistry registry, AuditLog audit, ApplicationEventPublisher events, Clock clock,
                  PlatformTransactionManager transactionManager) {
        this.steps = steps;
        this.instances = instances;
        this.access = access;
        this.documents = documents;
        this.registry = registry;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
        this.reads = new TransactionTemplate(transactionManager);
        this.reads.setReadOnly(true);
    }

    public long maxSize() {
        return documents.maxSize();
    }

    /** 413 for a file over the limit; callers check the declared size before reading the bytes. */
    public void requireWithinLimit(long size) {
        documents.requireWithinLimit(size);
    }

    /**
     * What an upload to the step must pass before its body is read: the step exists in the caller's organization
     * (404), the caller may perform it (403), it is a document request accepting documents now (409), and neither
     * the step nor the caller has used up their upload limits (409, 429).
     */
    public void checkUpload(Actor actor, UUID stepId) {
        reads.executeWithoutResult(status -> {
            target(actor, stepId, false);
            documents.requireRoom(stepId, actor.userId(), 1);
        });
    }

    /**
     * An upload from a multipart request whose parts are parsed on first use: the step is checked first, and only
     * then is the part (and with it the body) read, so a refused upload is never parsed.
     */
    public DocumentInfo upload(Actor actor, UUID stepId, Supplier<MultipartFile> part) {
        checkUpload(actor, stepId);
        MultipartFile file = documents.part(part);
        try {
            return upload(actor, stepId, file.getOriginalFilename(), file.getContentType(), file.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded part", e);
        }
    }

    /** An upload already in memory: for tests, the demo data and the benchmark. */
    public DocumentInfo upload(Actor actor, UUID stepId, String fileName, String contentType, byte[] content) {
        return upload(actor, stepId, fileName, contentType, new ByteArrayInputStream(content));
    }

    /**
     * Checks the upload, streams the content to storage (413 once it passes the size limit), checks the content's
     * first bytes against its name and type (415), then records it: in one transaction that locks the step, checks
     * its state and the limits again with the actual size, and audits. The stream is closed in every case.
     */
    public DocumentInfo upload(Actor actor, UUID stepId, String fileName, String contentType, InputStream content) {
        try (InputStream in = content) {
            List<String> accepted = reads.execute(status -> {
                Target target = target(actor, stepId, false);
                documents.requireRoom(stepId, actor.userId(), 1);
                return target.acceptedTypes();
            });
            try (var upload = documents.receive(fileName, contentType, in, accepted,
                    "this document request accepts only " + accepted)) {
                return transactions.execute(status -> record(actor, stepId, upload.name(), upload.contentType(),
                        upload.file()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read an upload", e);
        }
    }

    private DocumentInfo record(Actor actor, UUID stepId, String name, String type, ReceivedFile received) {
        Target target = target(actor, stepId, true);
        documents.requireRoom(stepId, actor.userId(), received.size());
        DocumentInfo info = documents.record(actor.orgId(), stepId, actor.userId(), name, type, received);
        InstanceStepEntity step = target.step();
        audit.append(new AuditRecord(actor.orgId(), target.instance().id(), actor, "step.document-upload", "STEP",
                stepId, step.state().name(), step.state().name(), Map.of("documentId", info.id().toString(),
                        "name", name, "contentType", type, "size", info.size(), "sha256", info.sha256())));
        return info;
    }

    /** {@code acceptedTypes}: what the step's handler takes uploads of ({@link ActionHandler#acceptedUploads}). */
    private record Target(InstanceStepEntity step, InstanceEntity instance, List<String> acceptedTypes) {
    }

    /** The step if the actor may upload to it now; {@code lock}: held until the transaction ends. */
    private Target target(Actor actor, UUID stepId, boolean lock) {
        InstanceStepEntity step = (lock ? steps.lockByIdAndOrgId(stepId, actor.orgId())
                : steps.findByIdAndOrgId(stepId, actor.orgId())).orElseThrow(() -> new NotFoundException("Step", stepId));
        InstanceEntity instance = instances.findById(step.instanceId())
                .orElseThrow(() -> new NotFoundException("Step", stepId));
        var ref = new StepRef(step.id(), instance.id(), instance.matterId(), instance.orgId(), step.roleScope(),
                step.assignedToId());
        access.requireVisible(ref, actor);
        if (!actor.isUser() || !access.canPerform(ref, actor)) {
            throw new ForbiddenException("only the step's performer may upload documents to it");
        }
        ActionHandler<Object> handler = registry.handler(step.actionType());
        var accepted = handler.acceptedUploads(handler.validateConfig(step.actionConfig()));
        if (accepted.isEmpty()) {
            throw new ConflictException("Not a document request", "a " + step.actionType()
                    + " step takes no uploaded documents");
        }
        if (instance.status() != WorkflowStatus.ACTIVE
                || (step.state() != ActionState.READY && step.state() != ActionState.IN_PROGRESS)) {
            throw new ConflictException("Not accepting documents", "documents can be uploaded while the step is READY"
                    + " or IN_PROGRESS and its instance ACTIVE", Map.of("state", step.state().name()));
        }
        return new Target(step, instance, accepted.get());
    }

    /**
     * Records an upload scanner's verdict on a document: clean → ACCEPTED, infected → REJECTED (it can no longer
     * complete its step). The scanner knows no organization; the document tells it. Audited on the document's step
     * as {@code step.document-scan}, with the scanning provider as the actor; a verdict that changes nothing (the
     * same again, or anything after an infected one) is not. An infected verdict also quarantines the content, flags
     * the step ({@code actionData.quarantinedDocuments}, audited as {@code step.document-quarantine}) whatever its
     * state — a completed step stays completed, its owner has to act — and tells the matter's owner
     * ({@link DocumentQuarantined}). Joins the caller's transaction.
     */
    @Transactional
    public ScanRecorded recordScan(String provider, UUID documentId, boolean clean) {
        ScanRecorded scan = documents.recordScan(documentId, clean);
        DocumentInfo info = scan.document();
        if (info.firms()) {
            if (scan.changed()) {
                recordFirmScan(provider, info, clean);
            }
            return scan;
        }
        InstanceStepEntity step = steps.findByIdAndOrgId(info.stepId(), info.orgId())
                .orElseThrow(() -> new NotFoundException("Document", documentId));
        if (!scan.changed()) {
            return scan;
        }
        Actor actor = Actor.provider(info.orgId(), provider);
        audit.append(new AuditRecord(info.orgId(), step.instanceId(), actor, "step.document-scan", "STEP", step.id(),
                step.state().name(), step.state().name(), Map.of("documentId", info.id().toString(),
                        "name", info.name(), "verdict", clean ? "clean" : "infected", "status", info.status().name())));
        if (info.rejected()) {
            quarantined(actor, step, info, scan.quarantined());
        }
        return scan;
    }

    /**
     * A verdict on a document the firm stored for signing: audited on its template or instance as
     * {@code document.scan}; an infected one is quarantined like any other ({@link Documents#recordScan}) and is no
     * longer served to anyone, so signing steps naming it cannot show it.
     */
    private void recordFirmScan(String provider, DocumentInfo info, boolean clean) {
        boolean template = info.templateId() != null;
        UUID owner = template ? info.templateId() : info.instanceId();
        audit.append(new AuditRecord(info.orgId(), owner, Actor.provider(info.orgId(), provider), "document.scan",
                template ? "TEMPLATE" : "INSTANCE", owner, null, null, Map.of("documentId", info.id().toString(),
                        "name", info.name(), "verdict", clean ? "clean" : "infected", "status",
                        info.status().name())));
    }

    @SuppressWarnings("unchecked")
    private void quarantined(Actor actor, InstanceStepEntity step, DocumentInfo document, boolean moved) {
        Instant now = clock.instant();
        InstanceEntity instance = instances.findById(step.instanceId())
                .orElseThrow(() -> new NotFoundException("Step", step.id()));
        // whether the step had accepted it: completed, naming it
        boolean submitted = step.state() == ActionState.COMPLETED && ((List<Object>) step.actionData()
                .getOrDefault("documentIds", List.of())).contains(document.id().toString());
        Map<String, Object> data = new LinkedHashMap<>(step.actionData());
        List<Object> flagged = new ArrayList<>((List<Object>) data.getOrDefault("quarantinedDocuments", List.of()));
        flagged.add(Map.of("documentId", document.id().toString(), "name", document.name(),
                "quarantinedAt", now.toString(), "provider", actor.name(), "submitted", submitted));
        data.put("quarantinedDocuments", flagged);
        step.annotate(data, now);
        AuditEvent event = audit.append(new AuditRecord(instance.orgId(), instance.id(), actor,
                "step.document-quarantine", "STEP", step.id(), step.state().name(), step.state().name(),
                Map.of("documentId", document.id().toString(), "name", document.name(),
                        "submitted", submitted, "contentMoved", moved)));
        events.publishEvent(new DocumentQuarantined(instance.orgId(), instance.matterId(), instance.id(), step.id(),
                step.title(), instance.title(), document.id(), document.name(), submitted, actor.name(),
                event.id()));
    }

    public List<DocumentInfo> forStep(Actor actor, UUID stepId) {
        steps.findByIdAndOrgId(stepId, actor.orgId()).orElseThrow(() -> new NotFoundException("Step", stepId));
        return documents.forStep(stepId);
    }

}
