/**
 * Provider webhooks: e-signature, payment and upload-scan providers report events to
 * {@code POST /api/webhooks/{esign|payments|uploads}/{provider}}. Each request is signed with the provider's secret
 * ({@link io.matterflow.webhook.WebhookProperties}), each event id is applied once, in the transaction of the change it
 * causes, and the change goes through the instance module's public API (the step runtime), audited with the
 * provider as actor. An event about a step that has moved on is recorded through the instance module's
 * {@link io.matterflow.instance.LateProviderEvents}, not applied. The built-in mock providers' pages report through
 * the same path.
 */
package io.matterflow.webhook;
