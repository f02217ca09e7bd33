package io.matterflow.template;

import java.util.Map;
import java.util.UUID;

import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.calendar.DueRule;
import io.matterflow.condition.Condition;

/**
 * A step as authored: order is its position in the list it arrives in. {@code required} defaults to true,
 * {@code clientVisible} (whether the matter's client sees a step that is not theirs) to false; {@code dueRule} (when
 * the step is due) and {@code condition} (when it runs) to none. {@code id} names the draft step this definition
 * keeps (null: a new step): a step keeps its id across edits and versions, which is how a migration of running
 * instances knows it.
 */
public record StepDefinition(String title, ActionType actionType, RoleScope roleScope, Boolean required,
                             Map<String, Object> actionConfig, Boolean clientVisible, DueRule dueRule,
                             Condition condition, UUID id) {

    public StepDefinition(String title, ActionType actionType, RoleScope roleScope, Boolean required,
                          Map<String, Object> actionConfig, Boolean clientVisible, DueRule dueRule) {
        this(title, actionType, roleScope, required, actionConfig, clientVisible, dueRule, null, null);
    }

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
