package io.matterflow.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import io.matterflow.common.FieldError;
import io.matterflow.common.Json;
import io.matterflow.common.ValidationException;

/** A provider's event is read with the request bodies' strict rules ({@link Json#strict}), named fields or not. */
class ProviderEventTests {

    private static final String SIGNED = "{\"id\":\"evt_1\",\"type\":\"signature.signed\","
            + "\"signatureSessionId\":\"mock-sig-1\"";

    @Test
    void shouldRefuseContentAfterTheEvent() {
        assertThat(refusal(() -> ProviderEvent.parse(ProviderKind.ESIGN, bytes(SIGNED + "} trailing"))))
                .extracting(FieldError::field, FieldError::message).containsExactly(tuple("", "is not well-formed JSON"));
    }

    @Test
    void shouldRefuseNulInAFieldItReadsNamingIt() {
        assertThat(refusal(() -> ProviderEvent.parse(ProviderKind.ESIGN,
                bytes(SIGNED.replace("\"signature.signed\"", "\"signature.declined\"") + ",\"reason\":\"no\\u0000\"}"))))
                .extracting(FieldError::field, FieldError::message).containsExactly(tuple("reason", Json.NUL_MESSAGE));
    }

    @Test
    void shouldRefuseNulInAFieldItDoesNotReadNamingIt() {
        assertThat(refusal(() -> ProviderEvent.asMap(bytes(SIGNED + ",\"note\":\"\\u0000\"}"))))
                .extracting(FieldError::field, FieldError::message).containsExactly(tuple("note", Json.NUL_MESSAGE));
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static List<FieldError> refusal(ThrowingCallable read) {
        ValidationException e = catchThrowableOfType(ValidationException.class, read);
        assertThat(e).as("expected a ValidationException").isNotNull();
        return e.errors();
    }
}
