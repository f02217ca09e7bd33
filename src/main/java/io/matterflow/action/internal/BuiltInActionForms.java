package io.matterflow.action.internal;

import static io.matterflow.action.ActionForm.Field.of;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.MultiValueMap;

import io.matterflow.action.ActionForm.Kind;
import io.matterflow.action.ActionForm;
import io.matterflow.action.ActionType;

/**
 * The forms of the five built-in action types, in the order pages offer them. The completion payloads differ from
 * the default where a value is not text: the approval's decision is a boolean, ticked items and submitted documents
 * are lists even when there is one. Signatures and payments complete at their provider, so their default is unused.
 */
@Configuration(proxyBeanMethods = false)
class BuiltInActionForms {

    @Bean
    ActionForm approvalForm() {
        return new ActionForm.Basic(ActionType.APPROVAL_LAWYER, List.of(
                of("approverRole", "Approver", Kind.SELECT, false, "Who is expected to decide", "LAWYER", "ADMIN"),
                of("message", "Message to the approver", Kind.TEXTAREA, false, "Shown with the decision buttons"))) {
            @Override
            public Map<String, Object> payload(MultiValueMap<String, String> form) {
                Map<String, Object> payload = super.payload(form);
                payload.computeIfPresent("approved", (name, value) -> Boolean.parseBoolean(value.toString()));
                return payload;
            }
        };
    }

    @Bean
    ActionForm signatureForm() {
        return new ActionForm.Basic(ActionType.SIGNATURE_CLIENT, List.of(
                of("documentId", "Document to sign", Kind.DOCUMENT, true, "A document stored for this template (Upload and use), or its id in your document system"),
                of("provider", "E-signature provider", Kind.SELECT, false, "Default: mock", "mock")));
    }

    @Bean
    ActionForm documentRequestForm() {
        return new ActionForm.Basic(ActionType.REQUEST_DOC_CLIENT, List.of(
                of("requestText", "What to ask the client for", Kind.TEXTAREA, true, null),
                of("acceptedTypes", "Accepted types", Kind.CSV, false,
                        "Comma-separated MIME types or extensions, e.g. application/pdf, image/*, .docx"))) {
            @Override
            public Map<String, Object> payload(MultiValueMap<String, String> form) {
                return asLists(super.payload(form), "documentIds");
            }
        };
    }

    @Bean
    ActionForm paymentForm() {
        return new ActionForm.Basic(ActionType.PAYMENT_CLIENT, List.of(
                of("amount", "Amount", Kind.NUMBER, true, "In the currency's units, e.g. 1500.00"),
                of("currency", "Currency", Kind.TEXT, true, "ISO 4217 code, e.g. USD or EUR"),
                of("provider", "Payment provider", Kind.SELECT, false, "Default: mock", "mock")));
    }

    @Bean
    ActionForm checklistForm() {
        return new ActionForm.Basic(ActionType.CHECKLIST, List.of(
                of("items", "Items", Kind.LINES, false, "One per line; leave empty for a single \"done\" box"))) {
            @Override
            public Map<String, Object> payload(MultiValueMap<String, String> form) {
                return asLists(super.payload(form), "checked");
            }
        };
    }
}
