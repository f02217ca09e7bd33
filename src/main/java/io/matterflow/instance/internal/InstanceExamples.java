package io.matterflow.instance.internal;

/** Example bodies of the instance routes for the OpenAPI description: the demo intake on matter 2026-001. */
final class InstanceExamples {

    private InstanceExamples() {
    }

    static final String INSTANTIATE = """
            {"matterId": "34bb8e76-4f2f-4179-a778-ec0b86d160e1", "title": "New client intake: Acme Corp"}""";

    static final String INSTANTIATE_DRAFT = """
            {"matterId": "34bb8e76-4f2f-4179-a778-ec0b86d160e1", "activate": false, "version": 1}""";

    private static final String PENDING = """
            "actionState": "PENDING", "actionData": {}, "assignedToId": null, "startedAt": null,
            "completedAt": null, "updatedAt": "2026-03-02T09:10:00Z", "version": 0}""";

    /** Just instantiated: ACTIVE, the first (required) step READY, the rest PENDING. */
    static final String INSTANTIATED = """
            {"id": "62be860a-1971-4617-8caf-9d78de6a7622", "orgId": "54c43b2e-b707-4fd4-b8e0-21fd7ed05ac8",
             "templateId": "4584023f-1b1d-4dcd-872a-b2b2e30f7a14", "templateVersion": 1,
             "matterId": "34bb8e76-4f2f-4179-a778-ec0b86d160e1", "title": "New client intake: Acme Corp",
             "status": "ACTIVE", "createdById": "e36258e8-c488-4eb4-a6fd-565c8456906f",
             "createdAt": "2026-03-02T09:10:00Z", "updatedAt": "2026-03-02T09:10:00Z", "completedAt": null,
             "version": 1,
             "steps": [{""" + StepExamples.CONFLICT_CHECK + """
            "actionState": "READY", "actionData": {}, "assignedToId": null, "startedAt": null,
            "completedAt": null, "updatedAt": "2026-03-02T09:10:00Z", "version": 1},
                       {""" + StepExamples.ENGAGEMENT_LETTER + PENDING + """
            ,
                       {""" + StepExamples.PROOF_OF_IDENTITY + PENDING + """
            ,
                       {""" + StepExamples.RETAINER + PENDING + """
            ,
                       {""" + StepExamples.ONBOARDING + PENDING + "]}";

    static final String PAGE = "{\"items\": [" + INSTANTIATED + "], \"page\": 0, \"size\": 20, \"total\": 1}";

    static final String RENAME = """
            {"title": "Intake: Acme Corp (second engagement)"}""";

    static final String PAUSE = """
            {"status": "PAUSED"}""";

    static final String CANCEL = """
            {"status": "CANCELED"}""";

    static final String ADD_STEP = """
            {"title": "Partner sign-off", "actionType": "APPROVAL_LAWYER", "roleScope": "LAWYER", "required": true,
             "actionConfig": {"approverRole": "LAWYER", "message": "Sign off the engagement terms."}, "order": 1}""";

    static final String MOVE_STEP = """
            {"order": 3}""";

    static final String EDIT_STEP = """
            {"title": "Conflict check (Widget Co. and subsidiaries)", "required": true,
             "actionConfig": {"approverRole": "ADMIN", "message": "Check Widget Co. and its subsidiaries."}}""";
}
