package io.matterflow.notification;

import java.util.Set;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.matterflow.instance.StepAssigned;
import io.matterflow.instance.StepBecameReady;
import io.matterflow.instance.StepReleased;
import io.matterflow.instance.StepWithdrawn;

/**
 * When a step becomes READY: an in-app notification for its assignee or, when unassigned, for each eligible
 * performer, written in the transaction that made the step READY (a plain, synchronous listener, as for the READY
 * emails), so the notifications exist exactly when the transition committed and a transition that rolls back leaves
 * none; withdrawn when the step goes back to PENDING. Assignments and releases are told after commit, from Modulith's
 * event publication registry, so a crash before that ran resubmits it on restart; the unique (user, source) pair
 * makes a second delivery harmless. In-app notifications do not depend on any feature flag; the READY emails are
 * {@link ReadyEmails}' business, handed the matter and recipients resolved here once for both.
 */
@Component
class ReadyNotifier {

    static final String KIND = "STEP_READY";
    static final String ASSIGNED_KIND = "STEP_ASSIGNED";
    static final String RELEASED_KIND = "STEP_RELEASED";

    private final Notifications notifications;
    private final ReadySteps steps;
    private final EmailOutbox outbox;
    private final ReadyEmails emails;

    ReadyNotifier(Notifications notifications, ReadySteps steps, EmailOutbox outbox, ReadyEmails emails) {
        this.notifications = notifications;
        this.steps = steps;
        this.outbox = outbox;
        this.emails = emails;
    }

    /**
     * In the transition's transaction: an edit that later withdraws the step withdraws these too. The matter and the
     * recipients are resolved once, for the notifications and the emails.
     */
    @EventListener
    void on(StepBecameReady event) {
        String matter = steps.matter(event);
        Set<UUID> recipients = steps.recipients(event);
        String link = ReadySteps.path(event);
        notifications.createForEach(event.orgId(), recipients, event.transitionId(), KIND,
                "Ready: " + event.stepTitle(), event.instanceTitle() + " · " + matter, link, event.stepId(),
                event.instanceId());
        emails.queue(event, matter, recipients);
    }

    /** The person a step was given to is told, whatever the step's state. */
    @ApplicationModuleListener
    void on(StepAssigned event) {
        notifications.create(event.orgId(), event.assigneeId(), event.transitionId(), ASSIGNED_KIND,
                "Assigned to you: " + event.stepTitle(),
                event.instanceTitle() + " · " + steps.matter(event.orgId(), event.matterId()),
                ReadySteps.path(event.matterId(), event.instanceId(), event.stepId()), event.stepId(),
                event.instanceId());
    }

    /** The matter's owner is told when a step is taken from someone who was deactivated. */
    @ApplicationModuleListener
    void on(StepReleased event) {
        steps.owner(event.orgId(), event.matterId()).ifPresent(owner -> notifications.create(event.orgId(), owner,
                event.transitionId(), RELEASED_KIND, "Needs someone: " + event.stepTitle(),
                event.instanceTitle() + " · " + steps.matter(event.orgId(), event.matterId())
                        + (event.state() == io.matterflow.action.ActionState.READY
                        ? " · back in the pool" : " · started, give it to someone"),
                ReadySteps.path(event.matterId(), event.instanceId(), event.stepId()), event.stepId(),
                event.instanceId()));
    }

    /**
     * In the transaction that returned the step to PENDING: its READY notifications are marked withdrawn and its READY
     * emails not yet sent are canceled, so nobody is sent to a step they cannot act on.
     */
    @EventListener
    void on(StepWithdrawn event) {
        notifications.withdraw(event.stepId(), KIND);
        outbox.cancelForStep(event.stepId(), ReadyEmails.KIND, "the step is no longer ready");
    }
}
