package io.matterflow.template;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.matterflow.action.ActionForms;
import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;

/** The template builder's form: name, description and the draft steps as the page submits them. */
public class TemplateForm {

    private String name;
    private String description;
    private List<Row> steps = new ArrayList<>();

    /** One step row; {@code order} is its position after drag-and-drop, {@code config} its fields as text. */
    public static class Row {
        private String title;
        private ActionType actionType = ActionType.CHECKLIST;
        private RoleScope roleScope = RoleScope.PARALEGAL;
        private boolean required = true;
        private boolean clientVisible;
        private Integer order;
        private Map<String, String> config = new LinkedHashMap<>();

        public String getTitle() { return title; }
        public void setTitle(String title) { this.title = title; }
        public ActionType getActionType() { return actionType; }
        public void setActionType(ActionType actionType) { this.actionType = actionType; }
        public RoleScope getRoleScope() { return roleScope; }
        public void setRoleScope(RoleScope roleScope) { this.roleScope = roleScope; }
        public boolean isRequired() { return required; }
        public void setRequired(boolean required) { this.required = required; }
        public boolean isClientVisible() { return clientVisible; }
        public void setClientVisible(boolean clientVisible) { this.clientVisible = clientVisible; }
        public Integer getOrder() { return order; }
        public void setOrder(Integer order) { this.order = order; }
        public Map<String, String> getConfig() { return config; }
        public void setConfig(Map<String, String> config) { this.config = config; }
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public List<Row> getSteps() { return steps; }
    public void setSteps(List<Row> steps) { this.steps = steps; }

    public static TemplateForm of(TemplateDetails template, ActionForms forms) {
        var form = new TemplateForm();
        form.name = template.name();
        form.description = template.description();
        for (TemplateStep step : template.steps()) {
            var row = new Row();
            row.title = step.title();
            row.actionType = step.actionType();
            row.roleScope = step.roleScope();
            row.required = step.required();
            row.clientVisible = step.clientVisible();
            row.order = step.order();
            row.config = new LinkedHashMap<>(forms.toValues(step.actionType(), step.actionConfig()));
            form.steps.add(row);
        }
        return form;
    }

    /** Rows in the order the user arranged them, numbered again from 0. */
    public void normalizeOrder() {
        List<Row> sorted = new ArrayList<>(steps.stream().filter(r -> r != null).toList());
        for (int i = 0; i < sorted.size(); i++) {
            if (sorted.get(i).order == null) {
                sorted.get(i).order = i;
            }
        }
        sorted.sort(Comparator.comparingInt(r -> r.order));
        for (int i = 0; i < sorted.size(); i++) {
            sorted.get(i).order = i;
        }
        steps = sorted;
    }

    public List<StepDefinition> definitions(ActionForms forms) {
        return steps.stream().map(r -> new StepDefinition(r.title, r.actionType, r.roleScope, r.required,
                forms.toConfig(r.actionType, r.config), r.clientVisible)).toList();
    }
}
