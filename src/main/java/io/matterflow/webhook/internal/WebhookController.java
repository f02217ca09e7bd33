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
 * The providers' webhook route, one for every {@link ProviderKind}. It takes no credentials (security lets
 * {@code /api/webhooks/**} through): the body is read raw, because the signature covers its exact bytes, and
 * {@link Webhooks} verifies it before anything else. The signature header is read from the request rather than bound
 * as an argument, so that Spring's trace logging of handler arguments never prints it.
 * <p>
 * The path names the kinds, so that any other is an unknown route (404) as before; the API description shows one
 * operation a kind ({@code openapi/webhooks.yaml}).
 */
@RestController
@Tag(name = "Webhooks", description = "Events from e-signature, payment and upload-scanning providers, signed with"
        + " the provider's secret")
class WebhookController {

    /** A refused signature; shared by the kinds, as is the next (openapi/components/responses.yaml). */
    private static final String REFUSED = "#/components/responses/WebhookRefused";
    /** An unknown provider, or nothing has the session, intent or document the event names. */
    private static final String UNKNOWN = "#/components/responses/WebhookUnknown";

    private final Webhooks webhooks;

    WebhookController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping(path = "/api/webhooks/{kind:esign|payments|uploads}/{provider}",
            consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "receiveProviderEvent", summary = "A provider's event")
    @SecurityRequirements
    @Parameter(in = ParameterIn.HEADER, name = WebhookSignatures.HEADER, required = true,
            description = "`t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<raw body>\">`",
            schema = @Schema(type = "string"),
            example = "t=1767225600,v1=5f4b1c0e8a3d2b6c9e7f1a0d4c8b2e6f3a9d7c1b5e0f4a8d2c6b9e3f7a1d5c0b")
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "401", ref = REFUSED)
    @ApiResponse(responseCode = "404", ref = UNKNOWN)
    Webhooks.Receipt receive(@PathVariable String kind,
                             @Parameter(description = "The provider's name", example = "mock")
                             @PathVariable String provider,
                             HttpServletRequest request,
                             @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                                     schema = @Schema(oneOf = {ProviderEvent.Signature.class,
                                             ProviderEvent.Payment.class, ProviderEvent.UploadScan.class})))
                             @RequestBody byte[] body) {
        return webhooks.receive(ProviderKind.of(kind), provider, request.getHeader(WebhookSignatures.HEADER), body);
    }
}
