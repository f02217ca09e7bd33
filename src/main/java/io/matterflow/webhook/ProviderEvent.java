package io.matterflow.webhook;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.matterflow.common.FieldError;
import io.matterflow.common.Json;
import io.matterflow.common.ValidationException;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * A provider's event, read from the signed body. Fields a provider adds beyond these are ignored (providers add
 * fields over time); the ones named here are read strictly: a wrong type, a missing field or an unknown event type
 * is a 400 naming the field.
 */
public sealed interface ProviderEvent {

    int MAX_ID = 100;
    int MAX_REFERENCE = 200;
    int MAX_REASON = 2000;

    String id();

    String type();

    @Schema(name = "SignatureEvent", description = "An e-signature provider's event about a signing session")
    record Signature(
            @Schema(description = "The provider's event id; an id already processed is acknowledged as a duplicate",
                    requiredMode = Schema.RequiredMode.REQUIRED, maxLength = MAX_ID, example = "evt_5f1c2a")
            String id,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                    allowableValues = {"signature.signed", "signature.declined"}) String type,
            @Schema(description = "The session the step's start created (`actionData.signatureSessionId`)",
                    requiredMode = Schema.RequiredMode.REQUIRED, maxLength = MAX_REFERENCE,
                    example = "mock-sig-7d0e9f4b-6f4e-4b8e-9a53-1f0b2c3d4e5f") String signatureSessionId,
            @Schema(description = "Why the signer declined; recorded on the step", maxLength = MAX_REASON,
                    example = "The fee schedule is wrong") String reason) implements ProviderEvent {
    }

    @Schema(name = "PaymentEvent", description = "A payment provider's event about a payment intent")
    record Payment(
            @Schema(description = "The provider's event id; an id already processed is acknowledged as a duplicate",
                    requiredMode = Schema.RequiredMode.REQUIRED, maxLength = MAX_ID, example = "evt_9a7b3c")
            String id,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                    allowableValues = {"payment.succeeded", "payment.failed"}) String type,
            @Schema(description = "The intent the step's start created (`actionData.paymentIntentId`)",
                    requiredMode = Schema.RequiredMode.REQUIRED, maxLength = MAX_REFERENCE,
                    example = "mock-pi-0b5a7c1e-2d3f-4a5b-8c6d-7e8f9a0b1c2d") String paymentIntentId,
            @Schema(description = "In the currency's major unit; must equal the step's amount",
                    requiredMode = Schema.RequiredMode.REQUIRED, example = "1500.00") BigDecimal amount,
            @Schema(description = "ISO 4217; must equal the step's currency", requiredMode = Schema.RequiredMode.REQUIRED,
                    example = "USD") String currency) implements ProviderEvent {
    }

    @Schema(name = "UploadScanEvent", description = "An upload scanner's verdict on an uploaded document")
    record UploadScan(
            @Schema(description = "The provider's event id; an id already processed is acknowledged as a duplicate",
                    requiredMode = Schema.RequiredMode.REQUIRED, maxLength = MAX_ID, example = "evt_3e4f5a")
            String id,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = "upload.scanned") String type,
            @Schema(description = "The uploaded document", requiredMode = Schema.RequiredMode.REQUIRED,
                    example = "b46e49b1-8b27-4bfb-a5d9-b96e468a3919") UUID documentId,
            @Schema(description = "`clean` accepts the document; `infected` rejects it, and it can no longer"
                    + " complete its step", requiredMode = Schema.RequiredMode.REQUIRED,
                    allowableValues = {"clean", "infected"}) String verdict) implements ProviderEvent {
    }

    List<String> SIGNATURE_TYPES = List.of("signature.signed", "signature.declined");
    List<String> PAYMENT_TYPES = List.of("payment.succeeded", "payment.failed");
    List<String> UPLOAD_TYPES = List.of("upload.scanned");
    List<String> VERDICTS = List.of("clean", "infected");

    /** The body as the kind's event, checked; a 400 naming every failing field otherwise. */
    static ProviderEvent parse(ProviderKind kind, byte[] body) {
        ProviderEvent event = switch (kind) {
            case ESIGN -> read(body, Signature.class);
            case PAYMENTS -> read(body, Payment.class);
            case UPLOADS -> read(body, UploadScan.class);
        };
        List<FieldError> errors = new ArrayList<>();
        text(errors, "id", event.id(), MAX_ID);
        if (event instanceof Signature e) {
            oneOf(errors, "type", e.type(), SIGNATURE_TYPES, "is not an e-signature event type; known: ");
            text(errors, "signatureSessionId", e.signatureSessionId(), MAX_REFERENCE);
            if (e.reason() != null && e.reason().length() > MAX_REASON) {
                errors.add(new FieldError("reason", "must be at most " + MAX_REASON + " characters"));
            }
        } else if (event instanceof Payment e) {
            oneOf(errors, "type", e.type(), PAYMENT_TYPES, "is not a payment event type; known: ");
            text(errors, "paymentIntentId", e.paymentIntentId(), MAX_REFERENCE);
            if (e.amount() == null) {
                errors.add(new FieldError("amount", "must not be null"));
            }
            text(errors, "currency", e.currency(), 3);
        } else if (event instanceof UploadScan e) {
            oneOf(errors, "type", e.type(), UPLOAD_TYPES, "is not an upload event type; known: ");
            if (e.documentId() == null) {
                errors.add(new FieldError("documentId", "must not be null"));
            }
            oneOf(errors, "verdict", e.verdict(), VERDICTS, "must be one of ");
        }
        if (!errors.isEmpty()) {
            errors.sort(java.util.Comparator.comparing(FieldError::field));
            throw new ValidationException("Invalid " + kind.key() + " event", errors);
        }
        return event;
    }

    /**
     * The whole body as stored: every field the provider sent. Fields this reader does not name are read here first,
     * so one out of range (a number too long to write out) is a 400 naming it, not a failure to store the event.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(byte[] body) {
        try {
            return Json.MAPPER.readValue(body, Map.class);
        } catch (InvalidFormatException e) {
            throw ValidationException.of("Malformed request body", Json.path(e), message(e));
        } catch (JacksonException e) {
            throw new IllegalStateException("the body was read once already", e);
        }
    }

    private static <E extends ProviderEvent> E read(byte[] body, Class<E> type) {
        ObjectReader reader = Json.MAPPER.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            E event = reader.readValue(body);
            if (event == null) {
                throw ValidationException.of("Malformed request body", "", "must be a JSON object");
            }
            return event;
        } catch (InvalidFormatException e) {
            throw ValidationException.of("Malformed request body", Json.path(e), message(e));
        } catch (MismatchedInputException e) {
            String field = Json.path(e);
            throw ValidationException.of("Malformed request body", field,
                    field.isEmpty() ? "must be a JSON object" : "has the wrong type");
        } catch (StreamReadException e) {
            throw ValidationException.of("Malformed request body", "", "is not well-formed JSON");
        } catch (JacksonException e) {
            throw ValidationException.of("Malformed request body", "", "cannot be read");
        }
    }

    private static String message(InvalidFormatException e) {
        return Json.refusal(e).orElse("has an invalid value");
    }

    private static void text(List<FieldError> errors, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "must not be blank"));
        } else if (value.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }

    private static void oneOf(List<FieldError> errors, String field, String value, List<String> allowed,
                              String otherwise) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "must not be blank"));
        } else if (!allowed.contains(value)) {
            errors.add(new FieldError(field, otherwise + allowed));
        }
    }
}
