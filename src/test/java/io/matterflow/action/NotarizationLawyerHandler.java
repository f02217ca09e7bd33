package io.matterflow.action;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.matterflow.common.FieldError;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A test-only action type, plugged in from outside {@code src/main} ({@link NotarizationTypeConfiguration}): a lawyer
 * records that a document was notarized, with the notarial register number and the date. The guide's running
 * example (docs/guides/adding-an-action-type.md); it answers only the type questions where it differs from the
 * defaults, here none but its label and config.
 */
class NotarizationLawyerHandler extends AbstractActionHandler<NotarizationConfig, NotarizationLawyerHandler.Notarized> {

    static final ActionType TYPE = ActionType.of("NOTARIZATION_LAWYER");

    record Notarized(@NotBlank @Size(max = 50) String registerNumber, @NotNull LocalDate notarizedOn) {
    }

    NotarizationLawyerHandler(Validator validator) {
        super(validator, NotarizationConfig.class, Notarized.class);
    }

    @Override
    public ActionType type() {
        return TYPE;
    }

    @Override
    public String label() {
        return "Notarization";
    }

    @Override
    public String configDescription() {
        return "`{documentName, jurisdiction?}`";
    }

    @Override
    protected void checkPayload(ActionContext<NotarizationConfig> ctx, Notarized notarized, List<FieldError> errors) {
        if (notarized.notarizedOn().isAfter(LocalDate.ofInstant(ctx.now(), ZoneOffset.UTC))) {
            errors.add(new FieldError("notarizedOn", "must not be in the future"));
        }
    }

    @Override
    public void complete(ActionContext<NotarizationConfig> ctx, Map<String, ?> payload) {
        Notarized notarized = payload(ctx, payload);
        ctx.data().put("registerNumber", notarized.registerNumber());
        ctx.data().put("notarizedOn", notarized.notarizedOn().toString());
        ctx.data().put("recordedBy", ctx.actor().auditId());
        ctx.data().put("recordedAt", ctx.now().toString());
    }
}
