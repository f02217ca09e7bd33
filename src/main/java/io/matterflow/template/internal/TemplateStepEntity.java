package io.matterflow.template.internal;

import java.util.Map;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.calendar.DueRule;
import io.matterflow.condition.Condition;
import io.matterflow.template.TemplateStep;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "workflow_template_steps")
public class TemplateStepEntity {

    @Id
    private UUID id;
    @Column(name = "template_id", nullable = false)
    private UUID templateId;
    @Column(name = "step_order", nullable = false)
    private int order;
    @Column(nullable = false)
    private String title;
    @Column(name = "action_type", nullable = false)
    private ActionType actionType;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "action_config", nullable = false)
    private Map<String, Object> actionConfig;
    @Enumerated(EnumType.STRING)
    @Column(name = "role_scope", nullable = false)
    private RoleScope roleScope;
    @Column(nullable = false)
    private boolean required;
    @Column(name = "client_visible", nullable = false)
    private boolean clientVisible;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "due_rule")
    private DueRule dueRule;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "step_condition")
    private Condition condition;

    protected TemplateStepEntity() {
    }

    public TemplateStepEntity(UUID id, UUID templateId, int order, String title, ActionType actionType,
                       Map<String, Object> actionConfig, RoleScope roleScope, boolean required,
                       boolean clientVisible, DueRule dueRule, Condition condition) {
        this.id = id;
        this.templateId = templateId;
        this.order = order;
        this.title = title;
        this.actionType = actionType;
        this.actionConfig = actionConfig;
        this.roleScope = roleScope;
        this.required = required;
        this.clientVisible = clientVisible;
        this.dueRule = dueRule;
        this.condition = condition;
    }

    public UUID id() {
        return id;
    }

    public TemplateStep toStep() {
        return new TemplateStep(id, order, title, actionType, roleScope, required, actionConfig, clientVisible, dueRule,
                condition);
    }
}
