package io.matterflow.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.matterflow.common.NotFoundException;
import io.matterflow.common.UnauthenticatedException;

class WebhookSignaturesTests {

    private static final String SECRET = "a-secret-of-the-acme-e-signature-provider";
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final byte[] BODY = "{\"id\":\"evt_1\",\"type\":\"signature.signed\"}".getBytes(StandardCharsets.UTF_8);

    private final WebhookProperties properties = new WebhookProperties(
            Map.of("esign", Map.of("acme", SECRET, "off", "")), Duration.ofMinutes(5));
    private final WebhookSignatures signatures = new WebhookSignatures(properties, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void shouldAcceptWhatItSigns() {
        String header = signatures.sign(ProviderKind.ESIGN, "acme", BODY);

        assertThat(header).matches("t=1767225600,v1=[0-9a-f]{64}");
        assertThatCode(() -> signatures.verify(ProviderKind.ESIGN, "acme", header, BODY)).doesNotThrowAnyException();
    }

    @Test
    void shouldAcceptTheSpecifiedSignatureWithinTheToleranceEitherWay() throws Exception {
        for (long offset : new long[] {-300, 0, 300}) {
            String header = WebhookScenarios.signature(SECRET, NOW.getEpochSecond() + offset,
                    new String(BODY, StandardCharsets.UTF_8));
            assertThatCode(() -> signatures.verify(ProviderKind.ESIGN, "acme", header, BODY))
                    .as("offset %d", offset).doesNotThrowAnyException();
        }
    }

    @Test
    void shouldRefuseATimestampJustOutsideTheTolerance() throws Exception {
        for (long offset : new long[] {-301, 301}) {
            String header = WebhookScenarios.signature(SECRET, NOW.getEpochSecond() + offset,
                    new String(BODY, StandardCharsets.UTF_8));
            assertThatThrownBy(() -> signatures.verify(ProviderKind.ESIGN, "acme", header, BODY))
                    .isInstanceOf(UnauthenticatedException.class).hasMessageContaining("more than 5 minutes");
        }
    }

    @Test
    void shouldAcceptAnyOfSeveralSignaturesWhileTheProviderRotatesItsSecret() throws Exception {
        String current = WebhookScenarios.signature(SECRET, NOW.getEpochSecond(), new String(BODY, StandardCharsets.UTF_8));
        String old = WebhookScenarios.signature("the-previous-secret", NOW.getEpochSecond(),
                new String(BODY, StandardCharsets.UTF_8));
        String header = old + "," + current.substring(current.indexOf("v1="));

        assertThatCode(() -> signatures.verify(ProviderKind.ESIGN, "acme", header, BODY)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "v1=00", "t=1767225600", "t=abc,v1=" + "00", "t=1767225600,v1=xyz",
            "t=1767225600,t=1767225600,v1=0000000000000000000000000000000000000000000000000000000000000000",
            "t=1767225600,v1=0000000000000000000000000000000000000000000000000000000000000000"})
    void shouldRefuseMissingMalformedOrWrongSignatures(String header) {
        assertThatThrownBy(() -> signatures.verify(ProviderKind.ESIGN, "acme", header, BODY))
                .isInstanceOf(UnauthenticatedException.class)
                .satisfies(e -> assertThat(((UnauthenticatedException) e).challenge()).isEqualTo("Matterflow-Signature"));
    }

    @Test
    void shouldRefuseAnotherBody() {
        String header = signatures.sign(ProviderKind.ESIGN, "acme", BODY);
        byte[] other = "{\"id\":\"evt_1\",\"type\":\"signature.declined\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> signatures.verify(ProviderKind.ESIGN, "acme", header, other))
                .isInstanceOf(UnauthenticatedException.class).hasMessageContaining("does not match");
    }

    @Test
    void shouldNotKnowAProviderWithoutASecret() {
        for (String provider : new String[] {"off", "unknown"}) {
            assertThatThrownBy(() -> signatures.verify(ProviderKind.ESIGN, provider, "t=1,v1=00", BODY))
                    .isInstanceOf(NotFoundException.class);
        }
        assertThatThrownBy(() -> signatures.verify(ProviderKind.PAYMENTS, "acme", "t=1,v1=00", BODY))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void shouldKeepSecretsOutOfMessagesAndToString() {
        String header = signatures.sign(ProviderKind.ESIGN, "acme", BODY);
        assertThatThrownBy(() -> signatures.verify(ProviderKind.ESIGN, "acme", header,
                "{}".getBytes(StandardCharsets.UTF_8)))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET)
                        .doesNotContain(header.substring(header.indexOf("v1=") + 3)));
        assertThat(properties.toString()).doesNotContain(SECRET).contains("acme");
    }

    @Test
    void shouldRefuseAConfigurationWithAnUnknownKind() {
        assertThatThrownBy(() -> new WebhookProperties(Map.of("esing", Map.of("acme", SECRET)), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("matterflow.webhooks.secrets.esing")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void shouldCallDevelopmentAndShortSecretsWeak() {
        var configured = new WebhookProperties(Map.of(
                "esign", Map.of("mock", "development-only-esign-mock-webhook-secret", "acme", SECRET),
                "payments", Map.of("mock", "", "short", "0123456789")), null);

        assertThat(configured.weakSecrets()).containsExactly("esign.mock", "payments.short");
        assertThat(configured.tolerance()).isEqualTo(Duration.ofMinutes(5));
    }
}
