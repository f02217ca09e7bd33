package io.matterflow.audit.internal;

/** Example bodies of the audit routes for the OpenAPI description. */
final class AuditExamples {

    private AuditExamples() {
    }

    static final String PAGE = """
            {"items": [
              {"id": "0fb79464-27a5-42a8-ac16-7ed253e265a1", "orgId": "54c43b2e-b707-4fd4-b8e0-21fd7ed05ac8",
               "streamId": "62be860a-1971-4617-8caf-9d78de6a7622", "seq": 4, "occurredAt": "2026-03-02T09:30:00Z",
               "actorType": "USER", "actorId": "e36258e8-c488-4eb4-a6fd-565c8456906f", "actorName": "Lena Lawyer",
               "action": "step.complete", "entityType": "STEP", "entityId": "53cd8dc6-3845-4728-b19f-805117fe479a",
               "fromState": "IN_PROGRESS", "toState": "COMPLETED",
               "metadata": {"actionType": "APPROVAL_LAWYER", "assignedToId": "e36258e8-c488-4eb4-a6fd-565c8456906f",
                            "payload": {"approved": true, "comment": "No conflict found"}, "title": "Conflict check"},
               "requestId": null, "hash": "c46dcf093f5af4db53f0629d43d7769af034264bf5e46b55f9741fcba13238f0"},
              {"id": "8ab21b3c-f55f-4280-9923-8ccf3b406045", "orgId": "54c43b2e-b707-4fd4-b8e0-21fd7ed05ac8",
               "streamId": "62be860a-1971-4617-8caf-9d78de6a7622", "seq": 1, "occurredAt": "2026-03-02T09:10:00Z",
               "actorType": "USER", "actorId": "e36258e8-c488-4eb4-a6fd-565c8456906f", "actorName": "Lena Lawyer",
               "action": "instance.create", "entityType": "INSTANCE",
               "entityId": "62be860a-1971-4617-8caf-9d78de6a7622", "fromState": null, "toState": "ACTIVE",
               "metadata": {"matterId": "34bb8e76-4f2f-4179-a778-ec0b86d160e1", "steps": 5,
                            "templateId": "4584023f-1b1d-4dcd-872a-b2b2e30f7a14", "templateVersion": 1},
               "requestId": null, "hash": "48a1cb53bd58ea64847362617c525f9be2263ceae3d9f1011b72a8ca52d818d5"}],
             "page": 0, "size": 2, "total": 24}""";

    static final String VALID = """
            {"valid": true, "eventsChecked": 24, "streamsChecked": 3, "firstBadEventId": null,
             "firstBadStreamId": null, "reason": null}""";

    static final String TAMPERED = """
            {"valid": false, "eventsChecked": 24, "streamsChecked": 3,
             "firstBadEventId": "1d37f74c-8961-44d9-bd05-9020e3a9e40e",
             "firstBadStreamId": "62be860a-1971-4617-8caf-9d78de6a7622",
             "reason": "hash does not match the event's content: the event was edited"}""";
}
