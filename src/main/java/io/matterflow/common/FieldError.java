package io.matterflow.common;

/** One failing field of a request, config or payload: a dotted path and a human message. */
public record FieldError(String field, String message) {
}
