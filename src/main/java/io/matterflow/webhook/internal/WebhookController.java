package io.matterflow.webhook.internal;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import io.matterflow.webhook.ProviderEvent;
import io.matterflow.webhook.ProviderKind;
import io.matterflow.webhook.WebhookSignatures;
import io.matterflow.webhook.Webhooks;

/**
 * The providers' webhook routes. They take no credentials (security lets {@code /api/webhooks/**} through): the body
 * is read raw, because the signature covers its exact bytes, and {@link Webhooks} verifies it before anything else.
 * The signature header is read from the request rather than bound as an argument, so that Spring's trace logging of
 * handler arguments never prints it.
 */
@RestController
@Tag(name = "Webhooks", description = "Events from e-signature, payment and upload-scanning providers, signed with"
        + " the provider's secret")
class WebhookController {

    private static final String SIGNING = " Sign the request with the provider's secret"
            + " (`matterflow.webhooks.secrets.<kind>.<provider>`): header `Matterflow-Signature: t=<unix seconds>,"
            + "v1=<hex HMAC-SHA256 of \"<t>.<raw body>\">`; `t` must be within 5 minutes of the server's time. Each"
            + " event id is applied once: a repeat answers 200 with `duplicate: true` and changes nothing. The built-in"
            + " provider is `mock`.";

    private final Webhooks webhooks;

    WebhookController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping(path = "/api/webhooks/esign/{provider}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "receiveSignatureEvent", summary = "An e-signature provider's event",
            description = "`signature.signed` completes the SIGNATURE_CLIENT step whose signing session it names;"
                    + " `signature.declined` fails it, with the event's `reason` (or a default) as the decline"
                    + " reason. Audited with the provider as the actor." + SIGNING)
    @SecurityRequirements
    @Parameter(in = ParameterIn.HEADER, name = WebhookSignatures.HEADER, required = true,
            description = "`t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<raw body>\">`",
            schema = @Schema(type = "string"), example = WebhookExamples.SIGNATURE_HEADER)
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true, description = "The event was applied, or had been",
            content = @Content(examples = {
                    @ExampleObject(name = "signed", summary = "The step is complete", value = WebhookExamples.SIGNED),
                    @ExampleObject(name = "duplicate", summary = "The event id was processed before",
                            value = WebhookExamples.DUPLICATE)}))
    @ApiResponse(responseCode = "401", ref = WebhookExamples.REFUSED_REF)
    @ApiResponse(responseCode = "404", ref = WebhookExamples.UNKNOWN_REF)
    Webhooks.Receipt esign(@Parameter(description = "The provider's name", example = "mock") @PathVariable String provider,
                           HttpServletRequest request,
                           @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                                   schema = @Schema(implementation = ProviderEvent.Signature.class),
                                   examples = {
                                           @ExampleObject(name = "signed", value = WebhookExamples.SIGNED_EVENT),
                                           @ExampleObject(name = "declined", value = WebhookExamples.DECLINED_EVENT)}))
                           @RequestBody byte[] body) {
        return webhooks.receive(ProviderKind.ESIGN, provider, request.getHeader(WebhookSignatures.HEADER), body);
    }

    @PostMapping(path = "/api/webhooks/payments/{provider}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "receivePaymentEvent", summary = "A payment provider's event",
            description = "`payment.succeeded` completes the PAYMENT_CLIENT step whose payment intent it names;"
                    + " `payment.failed` fails it. `amount` and `currency` must equal the step's: otherwise 400"
                    + " naming them, and nothing changes. Audited with the provider as the actor." + SIGNING)
    @SecurityRequirements
    @Parameter(in = ParameterIn.HEADER, name = WebhookSignatures.HEADER, required = true,
            description = "`t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<raw body>\">`",
            schema = @Schema(type = "string"), example = WebhookExamples.SIGNATURE_HEADER)
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true, description = "The event was applied, or had been",
            content = @Content(examples = {
                    @ExampleObject(name = "succeeded", summary = "The step is complete", value = WebhookExamples.PAID),
                    @ExampleObject(name = "duplicate", summary = "The event id was processed before",
                            value = WebhookExamples.DUPLICATE)}))
    @ApiResponse(responseCode = "401", ref = WebhookExamples.REFUSED_REF)
    @ApiResponse(responseCode = "404", ref = WebhookExamples.UNKNOWN_REF)
    Webhooks.Receipt payments(@Parameter(description = "The provider's name", example = "mock") @PathVariable String provider,
                              HttpServletRequest request,
                              @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                                      schema = @Schema(implementation = ProviderEvent.Payment.class),
                                      examples = @ExampleObject(name = "succeeded", value = WebhookExamples.PAID_EVENT)))
                              @RequestBody byte[] body) {
        return webhooks.receive(ProviderKind.PAYMENTS, provider, request.getHeader(WebhookSignatures.HEADER), body);
    }

    @PostMapping(path = "/api/webhooks/uploads/{provider}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "receiveUploadEvent", summary = "An upload scanner's verdict on a document",
            description = "`upload.scanned` with `verdict: clean` accepts the document; `infected` rejects it for"
                    + " good: its content is moved to quarantine, it cannot complete its step, the step is flagged"
                    + " (`actionData.quarantinedDocuments`) even when it has completed, and the matter's owner is"
                    + " notified. A verdict that changes nothing (the same again, or any after `infected`) answers"
                    + " `UNCHANGED`. Audited on the document's step with the provider as the actor." + SIGNING)
    @SecurityRequirements
    @Parameter(in = ParameterIn.HEADER, name = WebhookSignatures.HEADER, required = true,
            description = "`t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<raw body>\">`",
            schema = @Schema(type = "string"), example = WebhookExamples.SIGNATURE_HEADER)
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true, description = "The event was applied, or had been",
            content = @Content(examples = {
                    @ExampleObject(name = "rejected", summary = "The document is rejected",
                            value = WebhookExamples.REJECTED),
                    @ExampleObject(name = "duplicate", summary = "The event id was processed before",
                            value = WebhookExamples.DUPLICATE)}))
    @ApiResponse(responseCode = "401", ref = WebhookExamples.REFUSED_REF)
    @ApiResponse(responseCode = "404", ref = WebhookExamples.UNKNOWN_REF)
    Webhooks.Receipt uploads(@Parameter(description = "The provider's name", example = "mock") @PathVariable String provider,
                             HttpServletRequest request,
                             @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                                     schema = @Schema(implementation = ProviderEvent.UploadScan.class),
                                     examples = @ExampleObject(name = "infected", value = WebhookExamples.INFECTED_EVENT)))
                             @RequestBody byte[] body) {
        return webhooks.receive(ProviderKind.UPLOADS, provider, request.getHeader(WebhookSignatures.HEADER), body);
    }
}
