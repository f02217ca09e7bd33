package io.matterflow.template;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.matterflow.action.ActionForms;
import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.calendar.DueRuleForm;

/** The template builder's form: name, description and the draft steps as the page submits them. */
public class TemplateForm {

    private String name;
    private String description;
    private List<Row> steps = new ArrayList<>();

    /**
     * One step row; {@code order} is its position after drag-and-drop, {@code config} its fields as text,
     * {@code dueRule} its "Due" fields.
     */
    public static class Row {
        private String title;
        private ActionType actionType = ActionType.CHECKLIST;
        private RoleScope roleScope = RoleScope.PARALEGAL;
        private boolean required = true;
        private boolean clientVisible;
        private Integer order;
        private Map<String, String> config = new LinkedHashMap<>();
        private DueRuleForm dueRule = new DueRuleForm();
        private ConditionForm condition = new ConditionForm();
        /** The draft step the row shows (null for a new row): it keeps its id when saved. */
        private UUID id;

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
        public DueRuleForm getDueRule() { return dueRule; }
        public void setDueRule(DueRuleForm dueRule) { this.dueRule = dueRule; }
        public ConditionForm getCondition() { return condition; }
        public void setCondition(ConditionForm condition) { this.condition = condition; }
        public UUID getId() { return id; }
        public void setId(UUID id) { this.id = id; }
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
            row.dueRule = DueRuleForm.of(step.dueRule());
            row.condition = ConditionForm.of(step.condition());
            row.id = step.id();
            form.steps.add(row);
        }
        return form;
    }

    /**
     * Rows in the order the user arranged them, numbered again from 0. A due rule names its other step by the row
     * as submitted; it follows that row to its new place.
     */
    public void normalizeOrder() {
        List<Row> submitted = steps;
        List<Row> sorted = new ArrayList<>(steps.stream().filter(r -> r != null).toList());
        for (int i = 0; i < sorted.size(); i++) {
            if (sorted.get(i).order == null) {
                sorted.get(i).order = i;
            }
        }
        sorted.sort(Comparator.comparingInt(r -> r.order));
        steps = sorted;
        renumber(submitted);
    }

    /** Takes row {@code index} away; due rules counting from it name no step any more. */
    public void remove(int index) {
        if (index >= 0 && index < steps.size()) {
            List<Row> before = new ArrayList<>(steps);
            steps.remove(index);
            renumber(before);
        }
    }

    /** The steps a row's "another step is completed" can name: every other row, by position and title. */
    public List<DueRuleForm.StepChoice> otherSteps(int index) {
        List<DueRuleForm.StepChoice> choices = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            if (i != index) {
                String title = steps.get(i).title;
                choices.add(new DueRuleForm.StepChoice(Integer.toString(i), "Step " + (i + 1)
                        + (title == null || title.isBlank() ? "" : ": " + title)));
            }
        }
        return choices;
    }

    public List<StepDefinition> definitions(ActionForms forms) {
        return steps.stream().map(r -> new StepDefinition(r.title, r.actionType, r.roleScope, r.required,
                forms.toConfig(r.actionType, r.config), r.clientVisible, r.dueRule.toRule(),
                r.condition.toCondition(), r.id)).toList();
    }

    /**
     * Numbers the rows from 0 and points each due rule's other step and each condition's step, rows of
     * {@code before}, at their places now.
     */
    private void renumber(List<Row> before) {
        for (int i = 0; i < steps.size(); i++) {
            Row row = steps.get(i);
            row.order = i;
            row.condition.follow(old -> old >= 0 && old < before.size() ? indexOf(before.get(old)) : -1);
            Integer other = row.dueRule.getStep();
            if (other != null) {
                int now = other >= 0 && other < before.size() ? indexOf(before.get(other)) : -1;
                row.dueRule.setStep(now < 0 ? null : now);
            }
        }
    }

    private int indexOf(Row row) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) == row) {
                return i;
            }
        }
        return -1;
    }
}
