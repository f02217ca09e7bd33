package io.matterflow.access.internal;

/** Example bodies of the matter-changing route for the OpenAPI description: the demo firm. */
final class MatterExamples {

    private MatterExamples() {
    }

    static final String UPDATE = """
            {"title": "Acme Corp v. Widget Co (appeal)", "ownerId": "e36258e8-c488-4eb4-a6fd-565c8456906f"}""";

    static final String CLOSE = """
            {"status": "CLOSED", "cancelActiveWorkflows": true}""";

    static final String REOPEN = """
            {"status": "OPEN"}""";

    static final String CLOSED = """
            {"id": "34bb8e76-4f2f-4179-a778-ec0b86d160e1", "orgId": "54c43b2e-b707-4fd4-b8e0-21fd7ed05ac8",
             "reference": "2026-001", "title": "Acme v. Widget Co",
             "ownerId": "e36258e8-c488-4eb4-a6fd-565c8456906f", "clientId": "c690fcd6-6188-49bb-9fc5-fd2002540d47",
             "members": [{"userId": "9ac36d01-63a9-4a64-8c83-d776ee772383", "role": "PARALEGAL"}],
             "status": "CLOSED", "closedAt": "2026-06-30T16:05:00Z", "createdAt": "2026-03-02T08:30:00Z"}""";

    static final String UNFINISHED = """
            {"title": "Unfinished workflows", "status": 409,
             "detail": "the matter has 1 unfinished workflow (DRAFT, ACTIVE or PAUSED); cancel it first, or close the\
             matter with cancelActiveWorkflows: true to cancel it with it",
             "instance": "/api/matters/34bb8e76-4f2f-4179-a778-ec0b86d160e1",
             "workflows": [{"id": "0b7e5c1a-3f7d-4f0e-9a51-8d2f0c6e4b12", "title": "New client intake: Acme Corp",
                            "status": "ACTIVE"}]}""";

    static final String REFERENCE_IN_USE = """
            {"title": "Reference in use", "status": 409,
             "detail": "the reference 2026-002 is already in use in the firm; choose another",
             "instance": "/api/matters/34bb8e76-4f2f-4179-a778-ec0b86d160e1"}""";
}
