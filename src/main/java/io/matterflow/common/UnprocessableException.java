package io.matterflow.common;

import java.util.List;

/**
 * The request is well formed, but what it names cannot be used for it (a person who may not perform the step):
 * 422 with the failing fields, where a malformed value is a {@link ValidationException}'s 400.
 */
public class UnprocessableException extends ValidationException {

    public UnprocessableException(String title, List<FieldError> errors) {
        super(title, errors);
    }

    public static UnprocessableException of(String title, String field, String message) {
        return new UnprocessableException(title, List.of(new FieldError(field, message)));
    }
}
