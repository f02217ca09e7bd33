package io.matterflow.template;

import java.util.Map;

import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;

/** A step as authored: order is its position in the list it arrives in. {@code required} defaults to true. */
public record StepDefinition(String title, ActionType actionType, RoleScope roleScope, Boolean required,
                             Map<String, Object> actionConfig) {

    public boolean requiredOrDefault() {
        return required == null || required;
    }
}
