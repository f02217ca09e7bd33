package io.matterflow.action;

import java.util.List;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import io.matterflow.action.ActionForm.Field;
import io.matterflow.action.ActionForm.Kind;
import jakarta.validation.Validator;

/**
 * Plugs the test-only NOTARIZATION_LAWYER type in: its handler and its builder form, as beans. Imported only by
 * {@link NotarizationEndToEndTests}, so every other test's application (and its OpenAPI document) keeps the five
 * built-in types.
 */
@TestConfiguration(proxyBeanMethods = false)
class NotarizationTypeConfiguration {

    @Bean
    NotarizationLawyerHandler notarizationLawyerHandler(Validator validator) {
        return new NotarizationLawyerHandler(validator);
    }

    @Bean
    ActionForm notarizationForm() {
        return new ActionForm() {
            @Override
            public ActionType type() {
                return NotarizationLawyerHandler.TYPE;
            }

            @Override
            public List<Field> fields() {
                return List.of(Field.of("documentName", "Document to notarize", Kind.TEXT, true, "e.g. Power of attorney"),
                        Field.of("jurisdiction", "Jurisdiction", Kind.TEXT, false, "Where the notary is commissioned"));
            }
        };
    }
}
