package io.matterflow.action.internal;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import io.matterflow.action.PaymentProvider;

/** PAYMENT_CLIENT: the amount in the currency's units (e.g. 1500.00), an ISO 4217 code, the provider. */
public record PaymentConfig(
        @NotNull @Positive @DecimalMax("1000000000") BigDecimal amount,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR or USD") String currency,
        @Size(max = 50) String provider) {

    public String providerOrDefault() {
        return provider == null || provider.isBlank() ? PaymentProvider.MOCK : provider;
    }
}
