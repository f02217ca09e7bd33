package io.matterflow.action.internal;

import static io.matterflow.action.ActionForm.Field.of;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.matterflow.action.ActionForm.Kind;
import io.matterflow.action.ActionForm;
import io.matterflow.action.ActionType;

/** The builder forms of the five built-in action types. */
@Configuration(proxyBeanMethods = false)
class BuiltInActionForms {

    @Bean
    ActionForm approvalForm() {
        return form(ActionType.APPROVAL_LAWYER, List.of(
                of("approverRole", "Approver", Kind.SELECT, false, "Who is expected to decide", "LAWYER", "ADMIN"),
                of("message", "Message to the approver", Kind.TEXTAREA, false, "Shown with the decision buttons")));
    }

    @Bean
    ActionForm signatureForm() {
        return form(ActionType.SIGNATURE_CLIENT, List.of(
                of("documentId", "Document to sign", Kind.TEXT, true, "A document stored for this template (Upload and use), or its id in your document system"),
                of("provider", "E-signature provider", Kind.SELECT, false, "Default: mock", "mock")));
    }

    @Bean
    ActionForm documentRequestForm() {
        return form(ActionType.REQUEST_DOC_CLIENT, List.of(
                of("requestText", "What to ask the client for", Kind.TEXTAREA, true, null),
                of("acceptedTypes", "Accepted types", Kind.CSV, false,
                        "Comma-separated MIME types or extensions, e.g. application/pdf, image/*, .docx")));
    }

    @Bean
    ActionForm paymentForm() {
        return form(ActionType.PAYMENT_CLIENT, List.of(
                of("amount", "Amount", Kind.NUMBER, true, "In the currency's units, e.g. 1500.00"),
                of("currency", "Currency", Kind.TEXT, true, "ISO 4217 code, e.g. USD or EUR"),
                of("provider", "Payment provider", Kind.SELECT, false, "Default: mock", "mock")));
    }

    @Bean
    ActionForm checklistForm() {
        return form(ActionType.CHECKLIST, List.of(
                of("items", "Items", Kind.LINES, false, "One per line; leave empty for a single \"done\" box")));
    }

    static ActionForm form(ActionType type, List<ActionForm.Field> fields) {
        return new ActionForm() {
            @Override
            public ActionType type() {
                return type;
            }

            @Override
            public List<Field> fields() {
                return fields;
            }
        };
    }
}
