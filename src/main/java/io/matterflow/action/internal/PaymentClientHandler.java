package io.matterflow.action.internal;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import io.matterflow.action.AbstractActionHandler;
import io.matterflow.action.ActionContext;
import io.matterflow.action.ActionEvent;
import io.matterflow.action.ActionRefusedException;
import io.matterflow.action.ActionState;
import io.matterflow.action.ActionType;
import io.matterflow.action.Outcome;
import io.matterflow.action.PaymentProvider;
import io.matterflow.common.FieldError;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The client pays through a payment provider. Only the provider's confirmation completes the step (a user
 * cannot declare a payment made); a failed payment leaves the step FAILED.
 */
@Component
public class PaymentClientHandler extends AbstractActionHandler<PaymentConfig, PaymentClientHandler.PaymentResult> {

    enum Status { SUCCEEDED, FAILED }

    record PaymentResult(@NotBlank @Size(max = 200) String paymentIntentId, @NotNull Status status,
                         @NotNull BigDecimal amount, @NotBlank String currency) {
    }

    private static final String INTENT_ID = "paymentIntentId";

    private final Map<String, PaymentProvider> providers;

    public PaymentClientHandler(Validator validator, List<PaymentProvider> providers) {
        super(validator, PaymentConfig.class, PaymentResult.class);
        this.providers = providers.stream().collect(Collectors.toMap(PaymentProvider::name, Function.identity()));
    }

    @Override
    public ActionType type() {
        return ActionType.PAYMENT_CLIENT;
    }

    @Override
    public String configDescription() {
        return "`{amount, currency (ISO 4217), provider?}`";
    }

    /** A person cannot declare a payment made: only the provider's confirmation completes the step. */
    @Override
    public boolean completedByPeople() {
        return false;
    }

    @Override
    public String providerKind() {
        return PaymentProvider.KIND;
    }

    @Override
    public String providerReferenceKey() {
        return INTENT_ID;
    }

    @Override
    protected void checkConfig(PaymentConfig config, List<FieldError> errors) {
        Currency currency = null;
        try {
            currency = Currency.getInstance(config.currency());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("currency", "is not an ISO 4217 currency code"));
        }
        if (currency != null && currency.getDefaultFractionDigits() >= 0
                && config.amount().stripTrailingZeros().scale() > currency.getDefaultFractionDigits()) {
            errors.add(new FieldError("amount", "has more than " + currency.getDefaultFractionDigits()
                    + " decimal places for " + config.currency()));
        }
        if (!providers.containsKey(config.providerOrDefault())) {
            errors.add(new FieldError("provider", "is not a known payment provider; known: " + providers.keySet()));
        }
    }

    @Override
    public boolean canStart(ActionContext<PaymentConfig> ctx) {
        return ctx.clientId() != null;
    }

    @Override
    public void start(ActionContext<PaymentConfig> ctx) {
        var provider = providers.get(ctx.config().providerOrDefault());
        var intent = provider.createIntent(new PaymentProvider.PaymentRequest(
                ctx.stepId(), ctx.orgId(), ctx.config().amount(), ctx.config().currency(), ctx.clientId()));
        ctx.data().put("provider", provider.name());
        ctx.data().put(INTENT_ID, intent.intentId());
        ctx.data().put("checkoutUrl", intent.checkoutUrl());
        ctx.data().put("amount", ctx.config().amount().toPlainString());
        ctx.data().put("currency", ctx.config().currency());
    }

    /** Cancels the attempt's payment intent at the provider that opened it. */
    @Override
    public void closeSession(ActionContext<PaymentConfig> ctx) {
        if (ctx.data().get(INTENT_ID) instanceof String intent) {
            Object name = ctx.data().getOrDefault("provider", ctx.config().providerOrDefault());
            PaymentProvider provider = providers.get(String.valueOf(name));
            if (provider == null) {
                throw new IllegalStateException("no payment provider " + name + " to cancel intent " + intent);
            }
            provider.cancel(intent);
        }
    }

    @Override
    protected void checkPayload(ActionContext<PaymentConfig> ctx, PaymentResult result, List<FieldError> errors) {
        if (!result.paymentIntentId().equals(ctx.data().get(INTENT_ID))) {
            errors.add(new FieldError("paymentIntentId", "does not match this step's payment intent"));
        }
        if (result.amount().compareTo(ctx.config().amount()) != 0) {
            errors.add(new FieldError("amount", "does not match the requested amount " + ctx.config().amount().toPlainString()));
        }
        if (!ctx.config().currency().equals(result.currency())) {
            errors.add(new FieldError("currency", "does not match the requested currency " + ctx.config().currency()));
        }
    }

    @Override
    public void complete(ActionContext<PaymentConfig> ctx, Map<String, ?> payload) {
        PaymentResult result = payload(ctx, payload);
        ctx.data().put("paymentStatus", result.status().name());
        ctx.data().put("paidAt", ctx.now().toString());
    }

    @Override
    public ActionState getNextStateOnEvent(ActionContext<PaymentConfig> ctx, ActionEvent event) {
        if (event == ActionEvent.COMPLETE && Status.FAILED.name().equals(ctx.data().get("paymentStatus"))) {
            return ActionState.FAILED;
        }
        return super.getNextStateOnEvent(ctx, event);
    }

    private static final List<Outcome> OUTCOMES = List.of(
            Outcome.of("PAID", "is paid", "is not paid"),
            Outcome.of("PAYMENT_FAILED", "has a failed payment", "has no failed payment"));

    @Override
    public List<Outcome> outcomes(PaymentConfig config) {
        return OUTCOMES;
    }

    @Override
    public boolean hasOutcome(String outcome, String item, Map<String, ?> data) {
        return switch (outcome) {
            case "PAID" -> Status.SUCCEEDED.name().equals(data.get("paymentStatus"));
            case "PAYMENT_FAILED" -> Status.FAILED.name().equals(data.get("paymentStatus"));
            default -> false;
        };
    }
}
