package io.matterflow.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The exported step and the file name, without Spring. */
class TemplateExportTests {

    /**
     * The document carries every authored field of a step, by name: a field added to {@link StepDefinition} (and
     * {@link TemplateStep}) must be added to {@link TemplateExport.Step} too, as one more component.
     */
    @Test
    void shouldCarryEveryAuthoredFieldOfAStep() {
        // every authored field but the step's id, which stays in its firm
        var authored = names(StepDefinition.class).stream().filter(n -> !n.equals("id")).toList();
        assertThat(names(TemplateExport.Step.class)).isEqualTo(authored);
        assertThat(names(TemplateStep.class)).containsAll(authored);
    }

    @Test
    void shouldNameTheFileAfterTheTemplateAndVersion() {
        assertThat(TemplateTransfer.fileName(export("Intake & Onboarding (2026)", 3)))
                .isEqualTo("intake-onboarding-2026-v3.matterflow.json");
        assertThat(TemplateTransfer.fileName(export("Übernahme – Mandat", null)))
                .isEqualTo("ubernahme-mandat-draft.matterflow.json");
        assertThat(TemplateTransfer.fileName(export("«»", 1))).isEqualTo("template-v1.matterflow.json");
        assertThat(TemplateTransfer.fileName(export("x".repeat(300), 1))).hasSize(60 + "-v1.matterflow.json".length());
    }

    private static TemplateExport export(String name, Integer version) {
        return new TemplateExport(TemplateTransfer.SCHEMA, name, null, null, version, List.of(), List.of());
    }

    private static List<String> names(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    }
}
