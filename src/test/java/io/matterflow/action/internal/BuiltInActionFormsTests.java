package io.matterflow.action.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** The built-in types' completion forms as their payloads: what differs from the fields as posted. */
class BuiltInActionFormsTests {

    private final BuiltInActionForms forms = new BuiltInActionForms();

    private static MultiValueMap<String, String> form(String... namesAndValues) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return form;
    }

    @Test
    void shouldPostTheApprovalsDecisionAsABooleanWithTheCommentStripped() {
        assertThat(forms.approvalForm().payload(form("approved", "false", "comment", " Too late ", "_csrf", "t")))
                .isEqualTo(Map.of("approved", false, "comment", "Too late"));
        assertThat(forms.approvalForm().payload(form("approved", "true", "comment", "")))
                .isEqualTo(Map.of("approved", true));
    }

    @Test
    void shouldPostTickedItemsAndSubmittedDocumentsAsListsAlsoWhenThereIsOne() {
        assertThat(forms.checklistForm().payload(form("checked", "Conflict search filed")))
                .isEqualTo(Map.of("checked", List.of("Conflict search filed")));
        assertThat(forms.checklistForm().payload(form("_csrf", "t"))).isEmpty();
        String document = UUID.randomUUID().toString();
        assertThat(forms.documentRequestForm().payload(form("documentIds", document)))
                .isEqualTo(Map.of("documentIds", List.of(document)));
    }
}
