package io.matterflow.web;

import java.io.IOException;

/** A request body went past the size limit while it was read. */
public class RequestTooLargeException extends IOException {

    public RequestTooLargeException(long limit) {
        super("the request body is larger than the limit of " + limit + " bytes");
    }
}
