package io.matterflow.access.internal;

/** Example bodies of the API token routes for the OpenAPI description. */
final class ApiTokenExamples {

    private ApiTokenExamples() {
    }

    static final String CREATE = """
            {"name": "CI script", "expiresInDays": 90}""";

    static final String CREATED = """
            {"id": "7d0c5a1e-2f4b-4c83-9a61-3b5f0e9d2c47", "name": "CI script",
             "token": "mf_2pJ0x8v6Yw8k3bqg7QeWmVQ1hTfR5n9sLzA4cDuE0oI",
             "createdAt": "2026-03-02T08:30:00Z", "expiresAt": "2026-05-31T08:30:00Z", "lastUsedAt": null}""";

    static final String TOKEN = """
            {"id": "7d0c5a1e-2f4b-4c83-9a61-3b5f0e9d2c47", "name": "CI script",
             "createdAt": "2026-03-02T08:30:00Z", "expiresAt": "2026-05-31T08:30:00Z",
             "lastUsedAt": "2026-03-04T17:12:00Z"}""";

    static final String LIST = "{\"items\": [" + TOKEN + "], \"page\": 0, \"size\": 20, \"total\": 1}";
}
