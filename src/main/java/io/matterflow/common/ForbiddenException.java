package io.matterflow.common;

/** The caller is known and may see the thing, but may not do this to it. */
public class ForbiddenException extends MatterflowException {

    public ForbiddenException(String message) {
        super(message);
    }

    @Override
    public String title() {
        return "Not permitted";
    }
}
