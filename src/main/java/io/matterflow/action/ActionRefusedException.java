package io.matterflow.action;

import io.matterflow.common.ConflictException;

/** A handler refuses the event in the step's present circumstances (e.g. nobody to sign). */
public class ActionRefusedException extends ConflictException {

    public ActionRefusedException(String message) {
        super("Action refused", message);
    }
}
