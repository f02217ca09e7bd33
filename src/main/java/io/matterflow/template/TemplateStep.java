package io.matterflow.template;

import java.util.Map;
import java.util.UUID;

import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;

/** A step of a template draft or of a published version. */
public record TemplateStep(UUID id, int order, String title, ActionType actionType, RoleScope roleScope,
                           boolean required, Map<String, Object> actionConfig) {
}
