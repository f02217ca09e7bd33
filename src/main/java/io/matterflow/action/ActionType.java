package io.matterflow.action;

public enum ActionType {
    APPROVAL_LAWYER, SIGNATURE_CLIENT, REQUEST_DOC_CLIENT, PAYMENT_CLIENT, CHECKLIST;

    /** What each type's {@code actionConfig} holds, for the API description; the handlers check it. */
    public static final String CONFIG_DESCRIPTION = "The action's settings, by `actionType`:"
            + " APPROVAL_LAWYER `{approverRole?: LAWYER|ADMIN, message?}`;"
            + " SIGNATURE_CLIENT `{documentId, provider?}`;"
            + " REQUEST_DOC_CLIENT `{requestText, acceptedTypes?: [MIME type or .extension]}`;"
            + " PAYMENT_CLIENT `{amount, currency (ISO 4217), provider?}`;"
            + " CHECKLIST `{items?: [string]}`.";
}
