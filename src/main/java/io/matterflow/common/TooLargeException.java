package io.matterflow.common;

/** The content is larger than allowed: 413. */
public class TooLargeException extends MatterflowException {

    public TooLargeException(String message) {
        super(message);
    }

    @Override
    public String title() {
        return "Too large";
    }
}
