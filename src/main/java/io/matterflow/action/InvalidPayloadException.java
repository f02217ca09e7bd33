package io.matterflow.action;

import java.util.List;

import io.matterflow.common.FieldError;
import io.matterflow.common.ValidationException;

public class InvalidPayloadException extends ValidationException {

    public InvalidPayloadException(ActionType type, List<FieldError> errors) {
        super("Invalid " + type + " payload", errors);
    }

    public static InvalidPayloadException of(ActionType type, String field, String message) {
        return new InvalidPayloadException(type, List.of(new FieldError(field, message)));
    }
}
