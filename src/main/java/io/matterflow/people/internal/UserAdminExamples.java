package io.matterflow.people.internal;

/** Example bodies of the people-administration routes for the OpenAPI description: the demo firm. */
final class UserAdminExamples {

    private UserAdminExamples() {
    }

    static final String INVITE = """
            {"email": "new.paralegal@demo.law", "displayName": "Nina Paralegal", "role": "PARALEGAL"}""";

    static final String INVITED = """
            {"id": "0f1c7a52-5a43-4c1e-9d8e-2b7a4f1d9c30", "orgId": "54c43b2e-b707-4fd4-b8e0-21fd7ed05ac8",
             "email": "new.paralegal@demo.law", "displayName": "Nina Paralegal", "role": "PARALEGAL",
             "status": "INVITED", "createdAt": "2026-03-02T08:30:00Z", "invitationExpiresAt": "2026-03-05T08:30:00Z"}""";

    static final String DEACTIVATE = """
            {"active": false}""";

    static final String CHANGE_ROLE = """
            {"role": "LAWYER"}""";

    static final String DEACTIVATED = """
            {"id": "9ac36d01-63a9-4a64-8c83-d776ee772383", "orgId": "54c43b2e-b707-4fd4-b8e0-21fd7ed05ac8",
             "email": "paralegal@demo.law", "displayName": "Paul Paralegal", "role": "PARALEGAL",
             "status": "DEACTIVATED", "createdAt": "2026-03-01T08:00:00Z", "invitationExpiresAt": null}""";

    static final String CHANGE_PASSWORD = """
            {"currentPassword": "my old passphrase", "newPassword": "a longer passphrase of mine"}""";
}
