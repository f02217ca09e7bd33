package io.matterflow.web;

import java.util.Map;

import org.springframework.stereotype.Component;

import io.matterflow.action.ActionRegistry;
import io.matterflow.action.ActionState;
import io.matterflow.action.ActionType;
import io.matterflow.instance.WorkflowStatus;

/**
 * The words the UI shows for names the API keeps (`${@labels.state(...)}` in a view): action types, states and
 * audited actions, the same on every page. Enums carry their own word ({@code label()}); this reads names that
 * arrive as text (an audit event's states and action, a preview's state), and action types, whose word is their
 * handler's.
 */
@Component("labels")
public class Labels {

    private static final Map<String, String> ACTIONS = Map.ofEntries(
            Map.entry("step.ready", "Ready"), Map.entry("step.claim", "Claimed"),
            Map.entry("step.unclaim", "Released"), Map.entry("step.start", "Started"),
            Map.entry("step.complete", "Completed"), Map.entry("step.fail", "Failed"),
            Map.entry("step.block", "Blocked"), Map.entry("step.unblock", "Unblocked"),
            Map.entry("step.skip", "Skipped"), Map.entry("step.retry", "Reopened"),
            Map.entry("step.auto-skip", "Skipped when the workflow completed"),
            Map.entry("step.withdraw", "Back to waiting"), Map.entry("step.assign", "Assigned"),
            Map.entry("step.release", "Released (the assignee left)"),
            Map.entry("step.document-upload", "Document uploaded"),
            Map.entry("step.document-scan", "Document scanned"),
            Map.entry("instance.create", "Workflow started"), Map.entry("instance.rename", "Workflow renamed"),
            Map.entry("instance.status", "Workflow status changed"),
            Map.entry("instance.complete", "Workflow completed"), Map.entry("instance.step-add", "Step added"),
            Map.entry("instance.step-edit", "Step edited"), Map.entry("instance.step-remove", "Step removed"),
            Map.entry("instance.reorder", "Steps reordered"));

    private final ActionRegistry registry;

    Labels(ActionRegistry registry) {
        this.registry = registry;
    }

    /** A step's or workflow's state given by name: its word, or the name itself when it is neither. */
    public String state(String name) {
        if (name == null) {
            return "";
        }
        for (ActionState s : ActionState.values()) {
            if (s.name().equals(name)) {
                return s.label();
            }
        }
        for (WorkflowStatus s : WorkflowStatus.values()) {
            if (s.name().equals(name)) {
                return s.label();
            }
        }
        return name;
    }

    /** An action type, or one given by name: its handler's word ({@link io.matterflow.action.ActionHandler#label()}). */
    public String type(Object type) {
        if (type == null || type.toString().isBlank()) {
            return "";
        }
        return registry.label(type instanceof ActionType t ? t : ActionType.of(type.toString()));
    }

    /** An audited action ("step.claim"): what happened, in words. */
    public String action(String action) {
        return ACTIONS.getOrDefault(action, action);
    }
}
