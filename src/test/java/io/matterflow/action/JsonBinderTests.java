package io.matterflow.action;

import static io.matterflow.action.TestHandlers.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.matterflow.common.FieldError;
import io.matterflow.common.Json;

/** Configs and payloads are read with the same strict rules as request bodies ({@link Json#strict}). */
class JsonBinderTests {

    record Counted(int count, Map<String, Object> notes) {
    }

    private final JsonBinder binder = new JsonBinder(TestHandlers.VALIDATOR);

    @Test
    void shouldRefuseAFractionForAnIntegerInsteadOfTruncatingIt() {
        var result = binder.bind(map("count", new BigDecimal("1.5")), Counted.class);

        assertThat(result.errors()).extracting(FieldError::field, FieldError::message)
                .containsExactly(tuple("count", "has an invalid value 1.5: expected a number"));
    }

    @Test
    void shouldRefuseNulInAConfigNamingTheField() {
        InvalidActionConfigException e = catchThrowableOfType(InvalidActionConfigException.class,
                () -> TestHandlers.signature().validateConfig(map("documentId", "letter\0")));

        assertThat(e).as("expected an InvalidActionConfigException").isNotNull();
        assertThat(e.errors()).extracting(FieldError::field, FieldError::message)
                .containsExactly(tuple("documentId", Json.NUL_MESSAGE));
    }

    @Test
    void shouldRefuseNulInAFreeFormValueNamingIt() {
        var result = binder.bind(map("count", 1, "notes", map("text", "a\0b")), Counted.class);

        assertThat(result.errors()).extracting(FieldError::field, FieldError::message)
                .containsExactly(tuple("notes.text", Json.NUL_MESSAGE));
    }
}
