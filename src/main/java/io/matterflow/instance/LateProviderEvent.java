package io.matterflow.instance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A provider's event that came after its step had moved on, recorded and not applied: a payment received for a
 * skipped step, a signature for a session of an attempt that was retried since. Exactly one per provider event id.
 */
@Schema(description = "A provider event recorded after its step had moved on; never applied to the step")
public record LateProviderEvent(UUID id, UUID stepId, UUID instanceId, UUID matterId,
                                @Schema(example = "payments") String providerKind,
                                @Schema(example = "mock") String provider,
                                @Schema(description = "The provider's event id", example = "evt_9a7b3c") String eventId,
                                @Schema(description = "The session or intent the event is about",
                                        example = "mock-pi-0b5a7c1e-2d3f-4a5b-8c6d-7e8f9a0b1c2d") String reference,
                                @Schema(example = "payment.succeeded") String eventType,
                                @Schema(nullable = true, description = "A payment's amount; null for a signature",
                                        example = "250.00") BigDecimal amount,
                                @Schema(nullable = true, example = "GBP") String currency,
                                Reason reason, Instant receivedAt,
                                @Schema(description = "What happened, as the run view shows it",
                                        example = "Payment of 250.00 GBP received after the step was skipped")
                                String summary) {

    /** Why the event was not applied. */
    public enum Reason {
        STEP_SKIPPED("after the step was skipped", "for a skipped step"),
        STEP_FAILED("after the step had failed", "for a failed step"),
        STEP_COMPLETED("after the step had completed", "for a completed step"),
        STEP_RETRIED("for an earlier attempt, after the step was retried", "for a retried step's earlier session"),
        INSTANCE_CANCELED("after the workflow was cancelled", "for a step of a cancelled workflow"),
        INSTANCE_COMPLETED("after the workflow had completed", "for a step of a completed workflow");

        private final String when;
        private final String forWhat;

        Reason(String when, String forWhat) {
            this.when = when;
            this.forWhat = forWhat;
        }

        /** As the run view says it: "after the step was skipped". */
        public String when() {
            return when;
        }

        /** As a notice's title says it: "for a skipped step". */
        public String forWhat() {
            return forWhat;
        }

        /**
         * Why an event about the step can no longer be applied to it; empty while its attempt may still take it
         * (started, or blocked or paused for a while: the provider's retries apply it later).
         */
        public static Optional<Reason> of(ProviderStep found) {
            if (!found.currentAttempt()) {
                return Optional.of(STEP_RETRIED);
            }
            // what became of the step says the most; an instance that ended around a started step, the rest
            Optional<Reason> byStep = switch (found.step().actionState()) {
                case SKIPPED -> Optional.of(STEP_SKIPPED);
                case FAILED -> Optional.of(STEP_FAILED);
                case COMPLETED -> Optional.of(STEP_COMPLETED);
                default -> Optional.empty();
            };
            if (byStep.isPresent()) {
                return byStep;
            }
            return switch (found.instanceStatus()) {
                case CANCELED -> Optional.of(INSTANCE_CANCELED);
                case COMPLETED -> Optional.of(INSTANCE_COMPLETED);
                default -> Optional.empty();
            };
        }
    }

    /** "Payment of 250.00 GBP received" (what the event reports, without when). */
    public static String what(String eventType, BigDecimal amount, String currency) {
        return switch (eventType) {
            case "payment.succeeded" -> "Payment of " + money(amount, currency) + " received";
            case "payment.failed" -> "Payment of " + money(amount, currency) + " failed";
            case "signature.signed" -> "Signed";
            case "signature.declined" -> "Signature declined";
            default -> eventType;
        };
    }

    /** "Payment received" or "Signature declined": what a notice's title says. */
    public static String headline(String eventType) {
        return switch (eventType) {
            case "payment.succeeded" -> "Payment received";
            case "payment.failed" -> "Payment failed";
            case "signature.signed" -> "Signature received";
            case "signature.declined" -> "Signature declined";
            default -> eventType;
        };
    }

    static String money(BigDecimal amount, String currency) {
        if (amount == null) {
            return "?";
        }
        BigDecimal shown = amount;
        try {
            int digits = Currency.getInstance(currency).getDefaultFractionDigits();
            if (digits >= 0 && amount.stripTrailingZeros().scale() <= digits) {
                shown = amount.setScale(digits, RoundingMode.UNNECESSARY);
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            shown = amount.stripTrailingZeros();
        }
        return shown.toPlainString() + (currency == null ? "" : " " + currency);
    }
}
