package io.matterflow.action;

public enum ActionType {
    APPROVAL_LAWYER("Lawyer approval"), SIGNATURE_CLIENT("Client signature"),
    REQUEST_DOC_CLIENT("Document from the client"), PAYMENT_CLIENT("Client payment"), CHECKLIST("Checklist");

    private final String label;

    ActionType(String label) {
        this.label = label;
    }

    /** The word people read in the UI; the API keeps the name. */
    public String label() {
        return label;
    }

    /** What each type's {@code actionConfig} holds, for the API description; the handlers check it. */
    public static final String CONFIG_DESCRIPTION = "The action's settings, by `actionType`:"
            + " APPROVAL_LAWYER `{approverRole?: LAWYER|ADMIN, message?}`;"
            + " SIGNATURE_CLIENT `{documentId, provider?}`;"
            + " REQUEST_DOC_CLIENT `{requestText, acceptedTypes?: [MIME type or .extension]}`;"
            + " PAYMENT_CLIENT `{amount, currency (ISO 4217), provider?}`;"
            + " CHECKLIST `{items?: [string]}`.";
}
