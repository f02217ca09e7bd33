package io.matterflow.template.internal;

/** Example bodies of the template routes for the OpenAPI description: the demo's "New client intake". */
final class TemplateExamples {

    private TemplateExamples() {
    }

    /** One step of each action type, with its config. */
    static final String CREATE_REQUEST = """
            {"name": "New client intake",
             "description": "Conflict check, engagement letter, proof of identity, retainer and onboarding.",
             "steps": [
               {"title": "Conflict check", "actionType": "APPROVAL_LAWYER", "roleScope": "LAWYER",
                "actionConfig": {"approverRole": "LAWYER",
                                 "message": "Confirm there is no conflict of interest with Widget Co."}},
               {"title": "Sign the engagement letter", "actionType": "SIGNATURE_CLIENT", "roleScope": "CLIENT",
                "actionConfig": {"documentId": "engagement-letter-2026-001"}},
               {"title": "Proof of identity", "actionType": "REQUEST_DOC_CLIENT", "roleScope": "CLIENT",
                "actionConfig": {"requestText": "Please upload a passport or national ID card (PDF or photo).",
                                 "acceptedTypes": ["application/pdf", "image/*"]}},
               {"title": "Retainer payment", "actionType": "PAYMENT_CLIENT", "roleScope": "CLIENT",
                "actionConfig": {"amount": 1500.00, "currency": "USD"}},
               {"title": "Onboarding checklist", "actionType": "CHECKLIST", "roleScope": "PARALEGAL",
                "required": false,
                "actionConfig": {"items": ["Open the client file", "Add the client to billing",
                                           "Send the welcome pack"]}}]}""";

    private static final String STEPS = """
            [{"id": "8488a841-fe69-42f2-8cd8-a7788f732b6b", "order": 0, "title": "Conflict check",
              "actionType": "APPROVAL_LAWYER", "roleScope": "LAWYER", "required": true,
              "actionConfig": {"approverRole": "LAWYER",
                               "message": "Confirm there is no conflict of interest with Widget Co."}},
             {"id": "5f18e5e9-7114-4136-a2ef-0a037aa95e13", "order": 1, "title": "Sign the engagement letter",
              "actionType": "SIGNATURE_CLIENT", "roleScope": "CLIENT", "required": true,
              "actionConfig": {"documentId": "engagement-letter-2026-001"}},
             {"id": "5675b88e-c54d-4916-92ab-85deed955f87", "order": 2, "title": "Proof of identity",
              "actionType": "REQUEST_DOC_CLIENT", "roleScope": "CLIENT", "required": true,
              "actionConfig": {"acceptedTypes": ["application/pdf", "image/*"],
                               "requestText": "Please upload a passport or national ID card (PDF or photo)."}},
             {"id": "eebec0af-77a5-4a4f-b00c-4addd9371dc8", "order": 3, "title": "Retainer payment",
              "actionType": "PAYMENT_CLIENT", "roleScope": "CLIENT", "required": true,
              "actionConfig": {"amount": 1500.00, "currency": "USD"}},
             {"id": "cd744254-14a2-4130-9ef8-5225c5d71d4a", "order": 4, "title": "Onboarding checklist",
              "actionType": "CHECKLIST", "roleScope": "PARALEGAL", "required": false,
              "actionConfig": {"items": ["Open the client file", "Add the client to billing",
                                         "Send the welcome pack"]}}]""";

    /** The draft just created: version 0, active. */
    static final String CREATED = """
            {"id": "4584023f-1b1d-4dcd-872a-b2b2e30f7a14", "orgId": "54c43b2e-b707-4fd4-b8e0-21fd7ed05ac8",
             "name": "New client intake",
             "description": "Conflict check, engagement letter, proof of identity, retainer and onboarding.",
             "version": 0, "isActive": true, "createdById": "e36258e8-c488-4eb4-a6fd-565c8456906f",
             "createdAt": "2026-03-02T09:00:00Z", "updatedAt": "2026-03-02T09:00:00Z",
             "steps": """ + STEPS + "}";

    /** After the first publish: version 1. */
    static final String PUBLISHED = """
            {"id": "4584023f-1b1d-4dcd-872a-b2b2e30f7a14", "orgId": "54c43b2e-b707-4fd4-b8e0-21fd7ed05ac8",
             "name": "New client intake",
             "description": "Conflict check, engagement letter, proof of identity, retainer and onboarding.",
             "version": 1, "isActive": true, "createdById": "e36258e8-c488-4eb4-a6fd-565c8456906f",
             "createdAt": "2026-03-02T09:00:00Z", "updatedAt": "2026-03-02T09:05:00Z",
             "steps": """ + STEPS + "}";

    static final String VERSIONS = """
            [{"templateId": "4584023f-1b1d-4dcd-872a-b2b2e30f7a14", "orgId": "54c43b2e-b707-4fd4-b8e0-21fd7ed05ac8",
              "name": "New client intake", "version": 1, "publishedById": "e36258e8-c488-4eb4-a6fd-565c8456906f",
              "publishedAt": "2026-03-02T09:05:00Z",
              "steps": """ + STEPS + "}]";

    static final String RENAME = """
            {"name": "New client intake (2026)"}""";

    static final String DEACTIVATE = """
            {"isActive": false}""";

    static final String REPLACE_STEPS = """
            {"steps": [
               {"title": "Conflict check", "actionType": "APPROVAL_LAWYER", "roleScope": "LAWYER",
                "actionConfig": {"approverRole": "LAWYER"}},
               {"title": "Onboarding checklist", "actionType": "CHECKLIST", "roleScope": "PARALEGAL",
                "actionConfig": {"items": ["Open the client file"]}}]}""";
}
