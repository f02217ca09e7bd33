package io.matterflow.common;

/** The content's type is not accepted here: 415. */
public class UnsupportedTypeException extends MatterflowException {

    public UnsupportedTypeException(String message) {
        super(message);
    }

    @Override
    public String title() {
        return "Unsupported type";
    }
}
