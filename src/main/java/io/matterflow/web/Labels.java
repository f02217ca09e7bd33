package io.matterflow.web;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.matterflow.action.ActionRegistry;
import io.matterflow.action.ActionState;
import io.matterflow.action.ActionType;
import io.matterflow.calendar.Due;
import io.matterflow.instance.Inbox;
import io.matterflow.instance.InboxItem;
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
            Map.entry("instance.reorder", "Steps reordered"), Map.entry("step.due", "Due date"),
            Map.entry("step.remind", "Reminder sent"), Map.entry("step.escalate", "Escalated"));

    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);

    private final ActionRegistry registry;
    private final Clock clock;

    Labels(ActionRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** When a step is due, in the time zone it was computed in: "Wed 11 Mar 2026, 17:00 Europe/London". */
    public String due(Due due) {
        if (due == null || due.at() == null) {
            return "";
        }
        ZoneId zone = due.timeZone() == null ? ZoneOffset.UTC : ZoneId.of(due.timeZone());
        return DUE.format(due.at().atZone(zone)) + " " + zone.getId();
    }

    /** "Overdue", "Due soon" (within {@link Inbox#DUE_SOON}) or empty. */
    public String urgency(Due due) {
        InboxItem.Urgency urgency = Inbox.urgency(due, clock.instant());
        return urgency == null ? "" : urgency == InboxItem.Urgency.OVERDUE ? "Overdue" : "Due soon";
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
