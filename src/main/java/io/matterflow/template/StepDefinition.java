package io.matterflow.template;

import java.util.Map;

import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.calendar.DueRule;

/**
 * A step as authored: order is its position in the list it arrives in. {@code required} defaults to true,
 * {@code clientVisible} (whether the matter's client sees a step that is not theirs) to false; {@code dueRule} (when
 * the step is due) to none.
 */
public record StepDefinition(String title, ActionType actionType, RoleScope roleScope, Boolean required,
                             Map<String, Object> actionConfig, Boolean clientVisible, DueRule dueRule) {

    public StepDefinition(String title, ActionType actionType, RoleScope roleScope, Boolean required,
                          Map<String, Object> actionConfig, Boolean clientVisible) {
        this(title, actionType, roleScope, required, actionConfig, clientVisible, null);
    }

    public StepDefinition(String title, ActionType actionType, RoleScope roleScope, Boolean required,
                          Map<String, Object> actionConfig) {
        this(title, actionType, roleScope, required, actionConfig, null);
    }

    public boolean clientVisibleOrDefault() {
        return clientVisible != null && clientVisible;
    }

    public boolean requiredOrDefault() {
        return required == null || required;
    }
}
