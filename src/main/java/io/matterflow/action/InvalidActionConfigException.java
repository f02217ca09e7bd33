package io.matterflow.action;

import java.util.List;

import io.matterflow.common.FieldError;
import io.matterflow.common.ValidationException;

public class InvalidActionConfigException extends ValidationException {

    private final ActionType type;

    public InvalidActionConfigException(ActionType type, List<FieldError> errors) {
        super("Invalid " + type + " config", errors);
        this.type = type;
    }

    public ActionType type() {
        return type;
    }
}
