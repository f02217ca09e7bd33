package io.matterflow.webhook.internal;

/** Examples and shared responses of the webhook routes in the OpenAPI description. */
final class WebhookExamples {

    static final String REFUSED = "WebhookRefused";
    static final String UNKNOWN = "WebhookUnknown";
    static final String REFUSED_REF = "#/components/responses/" + REFUSED;
    static final String UNKNOWN_REF = "#/components/responses/" + UNKNOWN;

    static final String SIGNATURE_HEADER =
            "t=1767225600,v1=5f4b1c0e8a3d2b6c9e7f1a0d4c8b2e6f3a9d7c1b5e0f4a8d2c6b9e3f7a1d5c0b";

    static final String SIGNED_EVENT = """
            {"id": "evt_5f1c2a", "type": "signature.signed",
             "signatureSessionId": "mock-sig-7d0e9f4b-6f4e-4b8e-9a53-1f0b2c3d4e5f"}""";
    static final String DECLINED_EVENT = """
            {"id": "evt_5f1c2b", "type": "signature.declined",
             "signatureSessionId": "mock-sig-7d0e9f4b-6f4e-4b8e-9a53-1f0b2c3d4e5f",
             "reason": "The fee schedule is wrong"}""";
    static final String PAID_EVENT = """
            {"id": "evt_9a7b3c", "type": "payment.succeeded",
             "paymentIntentId": "mock-pi-0b5a7c1e-2d3f-4a5b-8c6d-7e8f9a0b1c2d", "amount": 1500.00, "currency": "USD"}""";
    static final String INFECTED_EVENT = """
            {"id": "evt_3e4f5a", "type": "upload.scanned", "documentId": "b46e49b1-8b27-4bfb-a5d9-b96e468a3919",
             "verdict": "infected"}""";

    static final String SIGNED = """
            {"eventId": "evt_5f1c2a", "duplicate": false, "outcome": "COMPLETED"}""";
    static final String PAID = """
            {"eventId": "evt_9a7b3c", "duplicate": false, "outcome": "COMPLETED"}""";
    static final String REJECTED = """
            {"eventId": "evt_3e4f5a", "duplicate": false, "outcome": "REJECTED"}""";
    static final String DUPLICATE = """
            {"eventId": "evt_5f1c2a", "duplicate": true, "outcome": "COMPLETED"}""";

    static final String UNSIGNED_PROBLEM = """
            {"title": "Unsigned webhook", "status": 401, "detail": "the Matterflow-Signature header is missing",
             "instance": "/api/webhooks/esign/mock"}""";
    static final String WRONG_SIGNATURE_PROBLEM = """
            {"title": "Invalid webhook signature", "status": 401,
             "detail": "the signature does not match the body and the provider's secret",
             "instance": "/api/webhooks/payments/mock"}""";
    static final String STALE_PROBLEM = """
            {"title": "Stale webhook signature", "status": 401,
             "detail": "the signature's timestamp is more than 5 minutes away from the server's time",
             "instance": "/api/webhooks/esign/mock"}""";
    static final String UNKNOWN_SESSION_PROBLEM = """
            {"title": "Signature session not found", "status": 404,
             "detail": "Signature session mock-sig-00000000-0000-4000-8000-000000000000 was not found",
             "instance": "/api/webhooks/esign/mock"}""";
    static final String UNKNOWN_PROVIDER_PROBLEM = """
            {"title": "Webhook provider not found", "status": 404,
             "detail": "Webhook provider esign/acme was not found", "instance": "/api/webhooks/esign/acme"}""";

    private WebhookExamples() {
    }
}
