package io.matterflow.action.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.matterflow.action.AbstractActionHandler;
import io.matterflow.action.AcceptedTypes;
import io.matterflow.action.ActionContext;
import io.matterflow.action.ActionType;
import io.matterflow.action.DocumentInfo;
import io.matterflow.action.DocumentLookup;
import io.matterflow.action.DocumentRequestConfig;
import io.matterflow.action.ScanRequirement;
import io.matterflow.common.ConflictException;
import io.matterflow.common.FieldError;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The client uploads documents to the step; completing names them, each of an accepted type and not rejected by the
 * upload scan; while the firm requires a clean scan ({@link ScanRequirement}), each must also have been found clean
 * (409 naming the others, and the step keeps waiting). The named documents are marked submitted, which keeps them from
 * the cleanup of unsubmitted uploads.
 */
@Component
public class DocumentRequestHandler extends AbstractActionHandler<DocumentRequestConfig, DocumentRequestHandler.Submission> {

    record Submission(@NotEmpty @Size(max = 20) List<@NotNull UUID> documentIds) {
    }

    private final DocumentLookup documents;
    private final ScanRequirement scans;

    public DocumentRequestHandler(Validator validator, DocumentLookup documents, ScanRequirement scans) {
        super(validator, DocumentRequestConfig.class, Submission.class);
        this.documents = documents;
        this.scans = scans;
    }

    @Override
    public ActionType type() {
        return ActionType.REQUEST_DOC_CLIENT;
    }

    @Override
    public String configDescription() {
        return "`{requestText, acceptedTypes?: [MIME type or .extension]}`";
    }

    @Override
    public Optional<List<String>> acceptedUploads(DocumentRequestConfig config) {
        return Optional.of(config.acceptedTypes() == null ? List.of() : config.acceptedTypes());
    }

    @Override
    public void start(ActionContext<DocumentRequestConfig> ctx) {
        ctx.data().put("requestText", ctx.config().requestText());
        ctx.data().put("requestOpenedAt", ctx.now().toString());
    }

    @Override
    protected void checkPayload(ActionContext<DocumentRequestConfig> ctx, Submission submission, List<FieldError> errors) {
        List<UUID> ids = submission.documentIds();
        for (int i = 0; i < ids.size(); i++) {
            String field = "documentIds[" + i + "]";
            var doc = documents.find(ctx.orgId(), ids.get(i));
            if (doc.isEmpty() || !doc.get().stepId().equals(ctx.stepId())) {
                errors.add(new FieldError(field, "is not a document uploaded to this step"));
            } else if (!AcceptedTypes.accepts(ctx.config().acceptedTypes(), doc.get().name(), doc.get().contentType())) {
                errors.add(new FieldError(field, "is not of an accepted type " + ctx.config().acceptedTypes()));
            } else if (doc.get().rejected()) {
                errors.add(new FieldError(field, "was rejected by the upload scan (infected); upload a clean copy"));
            }
        }
        if (ids.stream().distinct().count() != ids.size()) {
            errors.add(new FieldError("documentIds", "must not repeat a document"));
        }
    }

    private void requireCleanScans(ActionContext<DocumentRequestConfig> ctx, List<UUID> ids) {
        List<Map<String, Object>> waiting = new ArrayList<>();
        for (UUID id : ids) {
            DocumentInfo doc = documents.find(ctx.orgId(), id).orElseThrow();
            if (!doc.clean()) {
                waiting.add(Map.of("id", id.toString(), "name", doc.name(), "status", doc.status().name()));
            }
        }
        if (!waiting.isEmpty()) {
            throw new ConflictException("Documents not scanned clean", "this firm accepts only documents the upload"
                    + " scan found clean; not yet: " + String.join(", ", waiting.stream()
                    .map(d -> d.get("name") + " (" + d.get("status") + ")").toList())
                    + ". Submit again once the scan has reported", Map.of("documents", waiting,
                    "rule", ScanRequirement.FLAG));
        }
    }

    @Override
    public void complete(ActionContext<DocumentRequestConfig> ctx, Map<String, ?> payload) {
        Submission submission = payload(ctx, payload);
        if (scans.requiresCleanScan(ctx.orgId())) {
            requireCleanScans(ctx, submission.documentIds());
        }
        if (documents.markSubmitted(ctx.orgId(), ctx.stepId(), submission.documentIds(), ctx.now())
                != submission.documentIds().size()) {
            // the cleanup removed one since it was looked up (it had been unsubmitted for the whole retention)
            throw new ConflictException("Documents removed", "a document was removed while this step was completed;"
                    + " upload it again");
        }
        ctx.data().put("documentIds", submission.documentIds().stream().map(UUID::toString).toList());
        ctx.data().put("submittedAt", ctx.now().toString());
    }
}
