package io.matterflow.instance.internal;

/**
 * Example bodies of the step routes for the OpenAPI description: the steps of the demo intake on matter 2026-001,
 * the conflict check performed by Lena Lawyer and the client's steps by Clara Client.
 */
final class StepExamples {

    private StepExamples() {
    }

    static final String CONFLICT_CHECK = """
            "id": "53cd8dc6-3845-4728-b19f-805117fe479a", "instanceId": "62be860a-1971-4617-8caf-9d78de6a7622",
            "templateStepId": "8488a841-fe69-42f2-8cd8-a7788f732b6b", "order": 0, "title": "Conflict check",
            "actionType": "APPROVAL_LAWYER", "roleScope": "LAWYER", "required": true,
            "actionConfig": {"approverRole": "LAWYER",
                             "message": "Confirm there is no conflict of interest with Widget Co."},
            """;

    static final String ENGAGEMENT_LETTER = """
            "id": "91669dce-bed9-461e-aff1-45978aef9480", "instanceId": "62be860a-1971-4617-8caf-9d78de6a7622",
            "templateStepId": "5f18e5e9-7114-4136-a2ef-0a037aa95e13", "order": 1,
            "title": "Sign the engagement letter", "actionType": "SIGNATURE_CLIENT", "roleScope": "CLIENT",
            "required": true, "actionConfig": {"documentId": "engagement-letter-2026-001"},
            """;

    private static final String SIGNING_SESSION = """
            "provider": "mock", "signatureSessionId": "mock-sig-a9854d7a-967c-446d-ae18-1502ff5dfc93",
            "signingUrl": "/mock/esign/mock-sig-a9854d7a-967c-446d-ae18-1502ff5dfc93",
            "sessionCreatedAt": "2026-03-02T10:00:00Z\"""";

    static final String PROOF_OF_IDENTITY = """
            "id": "da6aa876-60a8-49c5-84aa-0c102a8b899b", "instanceId": "62be860a-1971-4617-8caf-9d78de6a7622",
            "templateStepId": "5675b88e-c54d-4916-92ab-85deed955f87", "order": 2, "title": "Proof of identity",
            "actionType": "REQUEST_DOC_CLIENT", "roleScope": "CLIENT", "required": true,
            "actionConfig": {"acceptedTypes": ["application/pdf", "image/*"],
                             "requestText": "Please upload a passport or national ID card (PDF or photo)."},
            """;

    static final String RETAINER = """
            "id": "39bc4fd8-a7f5-49e4-a626-ac2fe2e2ede2", "instanceId": "62be860a-1971-4617-8caf-9d78de6a7622",
            "templateStepId": "eebec0af-77a5-4a4f-b00c-4addd9371dc8", "order": 3, "title": "Retainer payment",
            "actionType": "PAYMENT_CLIENT", "roleScope": "CLIENT", "required": true,
            "actionConfig": {"amount": 1500.00, "currency": "USD"},
            """;

    static final String ONBOARDING = """
            "id": "bc2e5e2d-3e96-414f-b128-fd056b3797c7", "instanceId": "62be860a-1971-4617-8caf-9d78de6a7622",
            "templateStepId": "cd744254-14a2-4130-9ef8-5225c5d71d4a", "order": 4, "title": "Onboarding checklist",
            "actionType": "CHECKLIST", "roleScope": "PARALEGAL", "required": false,
            "actionConfig": {"items": ["Open the client file", "Add the client to billing", "Send the welcome pack"]},
            """;

    // The conflict check through claim, unclaim, start, block, unblock and complete.

    static final String CLAIMED = "{" + CONFLICT_CHECK + """
            "actionState": "READY", "actionData": {}, "assignedToId": "e36258e8-c488-4eb4-a6fd-565c8456906f",
            "startedAt": null, "completedAt": null, "updatedAt": "2026-03-02T09:12:00Z", "version": 2}""";

    static final String UNCLAIMED = "{" + CONFLICT_CHECK + """
            "actionState": "READY", "actionData": {}, "assignedToId": null,
            "startedAt": null, "completedAt": null, "updatedAt": "2026-03-02T09:13:00Z", "version": 3}""";

    static final String STARTED = "{" + CONFLICT_CHECK + """
            "actionState": "IN_PROGRESS", "actionData": {}, "assignedToId": "e36258e8-c488-4eb4-a6fd-565c8456906f",
            "startedAt": "2026-03-02T09:14:00Z", "completedAt": null, "updatedAt": "2026-03-02T09:14:00Z",
            "version": 4}""";

    static final String BLOCKED = "{" + CONFLICT_CHECK + """
            "actionState": "BLOCKED", "actionData": {"blockedReason": "Waiting for the conflicts database"},
            "assignedToId": "e36258e8-c488-4eb4-a6fd-565c8456906f", "startedAt": "2026-03-02T09:14:00Z",
            "completedAt": null, "updatedAt": "2026-03-02T09:15:00Z", "version": 5}""";

    static final String UNBLOCKED = "{" + CONFLICT_CHECK + """
            "actionState": "IN_PROGRESS", "actionData": {}, "assignedToId": "e36258e8-c488-4eb4-a6fd-565c8456906f",
            "startedAt": "2026-03-02T09:14:00Z", "completedAt": null, "updatedAt": "2026-03-02T09:20:00Z",
            "version": 6}""";

    static final String APPROVED = "{" + CONFLICT_CHECK + """
            "actionState": "COMPLETED",
            "actionData": {"approved": true, "comment": "No conflict found",
                           "decidedBy": "e36258e8-c488-4eb4-a6fd-565c8456906f", "decidedAt": "2026-03-02T09:30:00Z"},
            "assignedToId": "e36258e8-c488-4eb4-a6fd-565c8456906f", "startedAt": "2026-03-02T09:14:00Z",
            "completedAt": "2026-03-02T09:30:00Z", "updatedAt": "2026-03-02T09:30:00Z", "version": 7}""";

    static final String REJECTED = "{" + CONFLICT_CHECK + """
            "actionState": "FAILED",
            "actionData": {"approved": false, "comment": "We act for Widget Co. in a related matter",
                           "decidedBy": "e36258e8-c488-4eb4-a6fd-565c8456906f", "decidedAt": "2026-03-02T09:30:00Z"},
            "assignedToId": "e36258e8-c488-4eb4-a6fd-565c8456906f", "startedAt": "2026-03-02T09:14:00Z",
            "completedAt": null, "updatedAt": "2026-03-02T09:30:00Z", "version": 7}""";

    // The engagement letter: a signing session on start; failed, retried, skipped or signed.

    static final String SIGNING_STARTED = "{" + ENGAGEMENT_LETTER + """
            "actionState": "IN_PROGRESS", "actionData": {""" + SIGNING_SESSION + """
            }, "assignedToId": "c690fcd6-6188-49bb-9fc5-fd2002540d47", "startedAt": "2026-03-02T10:00:00Z",
            "completedAt": null, "updatedAt": "2026-03-02T10:00:00Z", "version": 2}""";

    static final String SIGNED = "{" + ENGAGEMENT_LETTER + """
            "actionState": "COMPLETED", "actionData": {""" + SIGNING_SESSION + """
            , "signatureOutcome": "SIGNED", "signedAt": "2026-03-02T10:20:00Z"},
            "assignedToId": "c690fcd6-6188-49bb-9fc5-fd2002540d47", "startedAt": "2026-03-02T10:00:00Z",
            "completedAt": "2026-03-02T10:20:00Z", "updatedAt": "2026-03-02T10:20:00Z", "version": 3}""";

    static final String SIGNING_FAILED = "{" + ENGAGEMENT_LETTER + """
            "actionState": "FAILED", "actionData": {""" + SIGNING_SESSION + """
            , "failureReason": "The letter names the wrong client entity", "failedAt": "2026-03-02T10:30:00Z"},
            "assignedToId": "c690fcd6-6188-49bb-9fc5-fd2002540d47", "startedAt": "2026-03-02T10:00:00Z",
            "completedAt": null, "updatedAt": "2026-03-02T10:30:00Z", "version": 3}""";

    static final String SIGNING_RETRIED = "{" + ENGAGEMENT_LETTER + """
            "actionState": "READY",
            "actionData": {"retries": 1, "previousAttempts": [{""" + SIGNING_SESSION + """
            , "failureReason": "The letter names the wrong client entity", "failedAt": "2026-03-02T10:30:00Z"}]},
            "assignedToId": null, "startedAt": null, "completedAt": null, "updatedAt": "2026-03-02T10:35:00Z",
            "version": 4}""";

    static final String SIGNING_SKIPPED = "{" + ENGAGEMENT_LETTER + """
            "actionState": "SKIPPED", "actionData": {"skipReason": "Signed on paper at the office"},
            "assignedToId": null, "startedAt": null, "completedAt": null, "updatedAt": "2026-03-02T10:40:00Z",
            "version": 2}""";

    // The client's document request and payment, and the paralegals' checklist.

    static final String DOCUMENTS_SUBMITTED = "{" + PROOF_OF_IDENTITY + """
            "actionState": "COMPLETED",
            "actionData": {"requestText": "Please upload a passport or national ID card (PDF or photo).",
                           "requestOpenedAt": "2026-03-02T11:00:00Z",
                           "documentIds": ["b46e49b1-8b27-4bfb-a5d9-b96e468a3919"],
                           "submittedAt": "2026-03-02T11:10:00Z"},
            "assignedToId": "c690fcd6-6188-49bb-9fc5-fd2002540d47", "startedAt": "2026-03-02T11:00:00Z",
            "completedAt": "2026-03-02T11:10:00Z", "updatedAt": "2026-03-02T11:10:00Z", "version": 3}""";

    static final String PAYMENT_STARTED = "{" + RETAINER + """
            "actionState": "IN_PROGRESS",
            "actionData": {"provider": "mock", "paymentIntentId": "mock-pi-4d3c364a-8f55-40f2-934a-f6652d0df99e",
                           "checkoutUrl": "/mock/payments/mock-pi-4d3c364a-8f55-40f2-934a-f6652d0df99e",
                           "amount": "1500.00", "currency": "USD"},
            "assignedToId": "c690fcd6-6188-49bb-9fc5-fd2002540d47", "startedAt": "2026-03-02T11:30:00Z",
            "completedAt": null, "updatedAt": "2026-03-02T11:30:00Z", "version": 2}""";

    static final String CHECKLIST_DONE = "{" + ONBOARDING + """
            "actionState": "COMPLETED",
            "actionData": {"checked": ["Open the client file", "Add the client to billing", "Send the welcome pack"],
                           "checkedAt": "2026-03-02T12:00:00Z"},
            "assignedToId": "9ac36d01-63a9-4a64-8c83-d776ee772383", "startedAt": null,
            "completedAt": "2026-03-02T12:00:00Z", "updatedAt": "2026-03-02T12:00:00Z", "version": 3}""";

    // Completion payloads, one per action type a person completes.

    static final String APPROVE = """
            {"approved": true, "comment": "No conflict found"}""";

    static final String REJECT = """
            {"approved": false, "comment": "We act for Widget Co. in a related matter"}""";

    static final String SIGN = """
            {"signatureSessionId": "mock-sig-a9854d7a-967c-446d-ae18-1502ff5dfc93"}""";

    static final String DECLINE = """
            {"signatureSessionId": "mock-sig-a9854d7a-967c-446d-ae18-1502ff5dfc93", "outcome": "DECLINED",
             "reason": "The fee schedule is wrong"}""";

    static final String SUBMIT_DOCUMENTS = """
            {"documentIds": ["b46e49b1-8b27-4bfb-a5d9-b96e468a3919"]}""";

    static final String TICK = """
            {"checked": ["Open the client file", "Add the client to billing", "Send the welcome pack"]}""";

    static final String FAIL = """
            {"reason": "The letter names the wrong client entity"}""";

    static final String BLOCK = """
            {"reason": "Waiting for the conflicts database"}""";

    static final String SKIP = """
            {"reason": "Signed on paper at the office"}""";

    static final String DOCUMENT = """
            {"id": "b46e49b1-8b27-4bfb-a5d9-b96e468a3919", "name": "passport.pdf", "contentType": "application/pdf",
             "size": 482113, "status": "UNSCANNED"}""";

    static final String NOT_ACCEPTING_DOCUMENTS = """
            {"type": "about:blank", "title": "Not accepting documents", "status": 409,
             "detail": "documents can be uploaded while the step is READY or IN_PROGRESS and its instance ACTIVE",
             "instance": "/api/workflows/steps/da6aa876-60a8-49c5-84aa-0c102a8b899b/documents", "state": "COMPLETED"}""";

    static final String STEP_UPLOAD_LIMIT = """
            {"type": "about:blank", "title": "Upload limit reached", "status": 409,
             "detail": "this step's documents would exceed 52428800 bytes together (they have 41943040) \
            (matterflow.documents.max-bytes-per-step)",
             "instance": "/api/workflows/steps/da6aa876-60a8-49c5-84aa-0c102a8b899b/documents",
             "limit": "matterflow.documents.max-bytes-per-step", "max": 52428800, "current": 41943040}""";

    static final String DAILY_UPLOAD_LIMIT = """
            {"type": "about:blank", "title": "Upload limit reached", "status": 429,
             "detail": "your uploads of the last 24 hours would exceed 209715200 bytes \
            (matterflow.documents.max-bytes-per-user-per-day); try again later",
             "instance": "/api/workflows/steps/da6aa876-60a8-49c5-84aa-0c102a8b899b/documents",
             "limit": "matterflow.documents.max-bytes-per-user-per-day", "max": 209715200, "current": 207618048}""";

    static final String INBOX = """
            {"items": [{"step": {""" + RETAINER + """
            "actionState": "IN_PROGRESS",
            "actionData": {"provider": "mock", "paymentIntentId": "mock-pi-4d3c364a-8f55-40f2-934a-f6652d0df99e",
                           "checkoutUrl": "/mock/payments/mock-pi-4d3c364a-8f55-40f2-934a-f6652d0df99e",
                           "amount": "1500.00", "currency": "USD"},
            "assignedToId": "c690fcd6-6188-49bb-9fc5-fd2002540d47", "startedAt": "2026-03-02T11:30:00Z",
            "completedAt": null, "updatedAt": "2026-03-02T11:30:00Z", "version": 2},
              "instanceId": "62be860a-1971-4617-8caf-9d78de6a7622", "instanceTitle": "New client intake",
              "matterId": "34bb8e76-4f2f-4179-a778-ec0b86d160e1", "matterReference": "2026-001",
              "matterTitle": "Acme v. Widget Co"}],
             "page": 0, "size": 20, "total": 1}""";

    static final String HISTORY = """
            [{"id": "8ab21b3c-f55f-4280-9923-8ccf3b406045", "orgId": "54c43b2e-b707-4fd4-b8e0-21fd7ed05ac8",
              "streamId": "62be860a-1971-4617-8caf-9d78de6a7622", "seq": 2, "occurredAt": "2026-03-02T09:10:00Z",
              "actorType": "SYSTEM", "actorId": "system", "actorName": "system", "action": "step.ready",
              "entityType": "STEP", "entityId": "53cd8dc6-3845-4728-b19f-805117fe479a",
              "fromState": "PENDING", "toState": "READY",
              "metadata": {"actionType": "APPROVAL_LAWYER", "title": "Conflict check"}, "requestId": null,
              "hash": "48a1cb53bd58ea64847362617c525f9be2263ceae3d9f1011b72a8ca52d818d5"},
             {"id": "6810d31b-6921-4b7e-b6a8-52cd530b7d27", "orgId": "54c43b2e-b707-4fd4-b8e0-21fd7ed05ac8",
              "streamId": "62be860a-1971-4617-8caf-9d78de6a7622", "seq": 3, "occurredAt": "2026-03-02T09:14:00Z",
              "actorType": "USER", "actorId": "e36258e8-c488-4eb4-a6fd-565c8456906f", "actorName": "Lena Lawyer",
              "action": "step.start", "entityType": "STEP", "entityId": "53cd8dc6-3845-4728-b19f-805117fe479a",
              "fromState": "READY", "toState": "IN_PROGRESS",
              "metadata": {"actionType": "APPROVAL_LAWYER", "assignedToId": "e36258e8-c488-4eb4-a6fd-565c8456906f",
                           "title": "Conflict check"},
              "requestId": null,
              "hash": "eae345c7879b2213c012cec970c73ceccd99d7c23db4ff15d53b8b3222300d83"},
             {"id": "1d37f74c-8961-44d9-bd05-9020e3a9e40e", "orgId": "54c43b2e-b707-4fd4-b8e0-21fd7ed05ac8",
              "streamId": "62be860a-1971-4617-8caf-9d78de6a7622", "seq": 4, "occurredAt": "2026-03-02T09:30:00Z",
              "actorType": "USER", "actorId": "e36258e8-c488-4eb4-a6fd-565c8456906f", "actorName": "Lena Lawyer",
              "action": "step.complete", "entityType": "STEP", "entityId": "53cd8dc6-3845-4728-b19f-805117fe479a",
              "fromState": "IN_PROGRESS", "toState": "COMPLETED",
              "metadata": {"actionType": "APPROVAL_LAWYER", "assignedToId": "e36258e8-c488-4eb4-a6fd-565c8456906f",
                           "payload": {"approved": true, "comment": "No conflict found"}, "title": "Conflict check"},
              "requestId": null, "hash": "c46dcf093f5af4db53f0629d43d7769af034264bf5e46b55f9741fcba13238f0"}]""";
}
