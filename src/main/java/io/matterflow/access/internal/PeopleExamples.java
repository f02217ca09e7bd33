package io.matterflow.access.internal;

/** Example bodies of the people and matter routes for the OpenAPI description: the demo firm. */
final class PeopleExamples {

    private PeopleExamples() {
    }

    static final String ME = """
            {"id": "e36258e8-c488-4eb4-a6fd-565c8456906f", "orgId": "54c43b2e-b707-4fd4-b8e0-21fd7ed05ac8",
             "organization": "Demo Law LLP", "email": "lawyer@demo.law", "displayName": "Lena Lawyer",
             "role": "LAWYER"}""";

    static final String USERS = """
            [{"id": "b627ce63-b1f8-4faa-8c4b-28c1f99de9a6", "orgId": "54c43b2e-b707-4fd4-b8e0-21fd7ed05ac8",
              "email": "admin@demo.law", "displayName": "Ada Admin", "role": "ADMIN"},
             {"id": "c690fcd6-6188-49bb-9fc5-fd2002540d47", "orgId": "54c43b2e-b707-4fd4-b8e0-21fd7ed05ac8",
              "email": "client@demo.law", "displayName": "Clara Client (Acme Corp)", "role": "CLIENT"},
             {"id": "e36258e8-c488-4eb4-a6fd-565c8456906f", "orgId": "54c43b2e-b707-4fd4-b8e0-21fd7ed05ac8",
              "email": "lawyer@demo.law", "displayName": "Lena Lawyer", "role": "LAWYER"},
             {"id": "9ac36d01-63a9-4a64-8c83-d776ee772383", "orgId": "54c43b2e-b707-4fd4-b8e0-21fd7ed05ac8",
              "email": "paralegal@demo.law", "displayName": "Paul Paralegal", "role": "PARALEGAL"}]""";

    static final String CREATE_MATTER = """
            {"reference": "2026-001", "title": "Acme v. Widget Co",
             "ownerId": "e36258e8-c488-4eb4-a6fd-565c8456906f", "clientId": "c690fcd6-6188-49bb-9fc5-fd2002540d47"}""";

    static final String MATTER = """
            {"id": "34bb8e76-4f2f-4179-a778-ec0b86d160e1", "orgId": "54c43b2e-b707-4fd4-b8e0-21fd7ed05ac8",
             "reference": "2026-001", "title": "Acme v. Widget Co",
             "ownerId": "e36258e8-c488-4eb4-a6fd-565c8456906f", "clientId": "c690fcd6-6188-49bb-9fc5-fd2002540d47",
             "members": [{"userId": "9ac36d01-63a9-4a64-8c83-d776ee772383", "role": "PARALEGAL"}],
             "status": "OPEN", "closedAt": null, "createdAt": "2026-03-02T08:30:00Z"}""";

    static final String MATTERS = "{\"items\": [" + MATTER + "], \"page\": 0, \"size\": 20, \"total\": 1}";

    static final String MEMBERS = """
            {"members": [{"userId": "9ac36d01-63a9-4a64-8c83-d776ee772383", "role": "PARALEGAL"}]}""";
}
