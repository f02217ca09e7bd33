package io.matterflow.action.internal;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.matterflow.action.AbstractActionHandler;
import io.matterflow.action.ActionContext;
import io.matterflow.action.ActionEvent;
import io.matterflow.action.ActionState;
import io.matterflow.action.ActionType;
import io.matterflow.action.Outcome;
import io.matterflow.action.RoleScope;
import io.matterflow.common.FieldError;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A lawyer approves or rejects; a rejection needs a comment and leaves the step FAILED. */
@Component
public class ApprovalLawyerHandler extends AbstractActionHandler<ApprovalConfig, ApprovalLawyerHandler.Decision> {

    record Decision(@NotNull Boolean approved, @Size(max = 2000) String comment) {
    }

    public ApprovalLawyerHandler(Validator validator) {
        super(validator, ApprovalConfig.class, Decision.class);
    }

    @Override
    public ActionType type() {
        return ActionType.APPROVAL_LAWYER;
    }

    @Override
    public String configDescription() {
        return "`{approverRole?: LAWYER|ADMIN, message?}`";
    }

    @Override
    protected void checkConfig(ApprovalConfig config, List<FieldError> errors) {
        if (config.approverRole() != null && config.approverRole() != RoleScope.LAWYER
                && config.approverRole() != RoleScope.ADMIN) {
            errors.add(new FieldError("approverRole", "must be LAWYER or ADMIN"));
        }
    }

    @Override
    protected void checkPayload(ActionContext<ApprovalConfig> ctx, Decision decision, List<FieldError> errors) {
        if (Boolean.FALSE.equals(decision.approved()) && (decision.comment() == null || decision.comment().isBlank())) {
            errors.add(new FieldError("comment", "is required when approved is false"));
        }
    }

    @Override
    public void complete(ActionContext<ApprovalConfig> ctx, Map<String, ?> payload) {
        Decision decision = payload(ctx, payload);
        ctx.data().put("approved", decision.approved());
        if (decision.comment() != null && !decision.comment().isBlank()) {
            ctx.data().put("comment", decision.comment());
        } else {
            ctx.data().remove("comment"); // a retried step may still hold the rejection's comment
        }
        ctx.data().put("decidedBy", ctx.actor().auditId());
        ctx.data().put("decidedAt", ctx.now().toString());
    }

    @Override
    public ActionState getNextStateOnEvent(ActionContext<ApprovalConfig> ctx, ActionEvent event) {
        if (event == ActionEvent.COMPLETE && Boolean.FALSE.equals(ctx.data().get("approved"))) {
            return ActionState.FAILED;
        }
        return super.getNextStateOnEvent(ctx, event);
    }

    private static final List<Outcome> OUTCOMES = List.of(
            Outcome.of("APPROVED", "is approved", "is not approved"),
            Outcome.of("REJECTED", "is rejected", "is not rejected"));

    @Override
    public List<Outcome> outcomes(ApprovalConfig config) {
        return OUTCOMES;
    }

    @Override
    public boolean hasOutcome(String outcome, String item, Map<String, ?> data) {
        return switch (outcome) {
            case "APPROVED" -> Boolean.TRUE.equals(data.get("approved"));
            case "REJECTED" -> Boolean.FALSE.equals(data.get("approved"));
            default -> false;
        };
    }
}
