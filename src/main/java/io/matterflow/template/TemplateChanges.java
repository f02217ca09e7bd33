package io.matterflow.template;

import java.util.List;

/** A partial update: null fields are left as they are; {@code steps} replaces the whole draft. */
public record TemplateChanges(String name, String description, Boolean isActive, List<StepDefinition> steps) {
}
