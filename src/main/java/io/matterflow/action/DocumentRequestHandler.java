package io.matterflow.action;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.matterflow.common.FieldError;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The client uploads documents to the step; completing names them, each of an accepted type and not rejected by the
 * upload scan.
 */
@Component
class DocumentRequestHandler extends AbstractActionHandler<DocumentRequestConfig, DocumentRequestHandler.Submission> {

    record Submission(@NotEmpty @Size(max = 20) List<@NotNull UUID> documentIds) {
    }

    private final DocumentLookup documents;

    DocumentRequestHandler(Validator validator, DocumentLookup documents) {
        super(validator, DocumentRequestConfig.class, Submission.class);
        this.documents = documents;
    }

    @Override
    public ActionType type() {
        return ActionType.REQUEST_DOC_CLIENT;
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

    @Override
    public void complete(ActionContext<DocumentRequestConfig> ctx, Map<String, ?> payload) {
        Submission submission = payload(ctx, payload);
        ctx.data().put("documentIds", submission.documentIds().stream().map(UUID::toString).toList());
        ctx.data().put("submittedAt", ctx.now().toString());
    }
}
