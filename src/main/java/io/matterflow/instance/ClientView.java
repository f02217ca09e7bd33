package io.matterflow.instance;

import java.util.Map;

import io.matterflow.action.RoleScope;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Role;

/**
 * What a client may see of a matter's workflows: work product stays in the firm. A client sees its own (CLIENT)
 * steps whole, and of the firm's steps only those the firm marked {@code clientVisible}, and of those only the
 * title, type, order, state and dates: never their settings, comments, reasons, payloads, assignee, history,
 * documents or due dates (the firm's planning of its own work). A client's own steps show their due date. The one rule for the API and the UI alike; {@link Instances} applies it to everything it hands out.
 */
public final class ClientView {

    private ClientView() {
    }

    public static boolean applies(Actor actor) {
        return actor.isUser() && actor.role() == Role.CLIENT;
    }

    /** Whether the client sees the step at all. */
    static boolean sees(StepDetails step) {
        return step.roleScope() == RoleScope.CLIENT || step.clientVisible();
    }

    /** Whether the client sees the step's content: its data, history and documents. Only its own steps. */
    public static boolean seesContent(StepDetails step) {
        return step.roleScope() == RoleScope.CLIENT;
    }

    static InstanceDetails of(InstanceDetails instance) {
        return new InstanceDetails(instance.id(), instance.orgId(), instance.templateId(), instance.templateVersion(),
                instance.matterId(), instance.title(), instance.status(), instance.createdById(),
                instance.createdAt(), instance.updatedAt(), instance.completedAt(), instance.version(),
                instance.steps().stream().filter(ClientView::sees).map(ClientView::of).toList());
    }

    static StepDetails of(StepDetails step) {
        if (seesContent(step)) {
            // the firm's logic of what runs when is not the client's to read
            return new StepDetails(step.id(), step.instanceId(), step.templateStepId(), step.order(), step.title(),
                    step.actionType(), step.roleScope(), step.required(), step.clientVisible(), step.actionConfig(),
                    step.actionState(), step.actionData(), step.assignedToId(), step.startedAt(), step.completedAt(),
                    step.updatedAt(), step.version(), step.due(), null);
        }
        return new StepDetails(step.id(), step.instanceId(), step.templateStepId(), step.order(), step.title(),
                step.actionType(), step.roleScope(), step.required(), step.clientVisible(), Map.of(),
                step.actionState(), Map.of(), null, step.startedAt(), step.completedAt(), step.updatedAt(),
                step.version(), null, null);
    }
}
