package io.matterflow.action;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.matterflow.common.FieldError;
import io.matterflow.common.Json;
import io.matterflow.common.TypeNames;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.util.TokenBuffer;

/**
 * Turns a raw JSON object into a validated record: type errors from the strict mapper and Bean Validation
 * violations both come back as {@link FieldError}s with the field's path.
 */
final class JsonBinder {

    private final Validator validator;

    JsonBinder(Validator validator) {
        this.validator = validator;
    }

    /** The record, or the list of field errors; never both. */
    <T> Result<T> bind(Map<String, ?> raw, Class<T> type) {
        T value;
        // Through tokens, not text: a value that cannot be written as text (a decimal out of range) then reaches the
        // reader, which names its field, instead of failing the writer.
        try (TokenBuffer tokens = TokenBuffer.forGeneration()) {
            Json.MAPPER.writeValue(tokens, raw == null ? Map.of() : raw);
            try (JsonParser parser = tokens.asParser()) {
                value = Json.MAPPER.readValue(parser, type);
            }
        } catch (DatabindException e) {
            return Result.failed(List.of(fieldError(e)));
        } catch (JacksonException e) {
            return Result.failed(List.of(new FieldError("", "is not valid JSON")));
        }
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<T> violation : validator.validate(value)) {
            errors.add(new FieldError(path(violation.getPropertyPath().toString()), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field));
        return errors.isEmpty() ? Result.ok(value) : Result.failed(errors);
    }

    private static String path(String beanPath) {
        // Bean Validation names container elements "items[0].<list element>"; keep "items[0]".
        return beanPath.replace(".<list element>", "").replace("<list element>", "");
    }

    private static FieldError fieldError(DatabindException e) {
        String field = Json.path(e);
        if (e instanceof UnrecognizedPropertyException u) {
            return new FieldError(field.isEmpty() ? u.getPropertyName() : field, "is not a known field");
        }
        Optional<String> refused = Json.refusal(e);
        if (refused.isPresent()) {
            return new FieldError(field, refused.get());
        }
        if (e instanceof InvalidFormatException f) {
            return new FieldError(field, "has an invalid value " + describe(f.getValue())
                    + TypeNames.expected(f.getTargetType()));
        }
        if (e instanceof MismatchedInputException m) {
            return new FieldError(field, "has the wrong type" + TypeNames.expected(m.getTargetType()));
        }
        return new FieldError(field, "is invalid");
    }

    private static String describe(Object value) {
        return value instanceof String s ? "\"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"" : String.valueOf(value);
    }

    record Result<T>(T value, List<FieldError> errors) {
        static <T> Result<T> ok(T value) {
            return new Result<>(value, List.of());
        }

        static <T> Result<T> failed(List<FieldError> errors) {
            return new Result<>(null, errors);
        }

        boolean isOk() {
            return errors.isEmpty();
        }
    }
}
