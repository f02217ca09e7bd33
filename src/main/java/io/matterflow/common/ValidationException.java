package io.matterflow.common;

import java.util.List;
import java.util.stream.Collectors;

/** The input is invalid; {@link #errors()} names every failing field. */
public class ValidationException extends MatterflowException {

    private final String title;
    private final List<FieldError> errors;

    public ValidationException(String title, List<FieldError> errors) {
        super(title + ": " + errors.stream()
                .map(e -> e.field() + " " + e.message())
                .collect(Collectors.joining("; ")));
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ValidationException of(String title, String field, String message) {
        return new ValidationException(title, List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    @Override
    public String title() {
        return title;
    }
}
