package io.matterflow.notification;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.matterflow.instance.StepBecameReady;

/**
 * When a step becomes READY: an in-app notification for its assignee or, when unassigned, for each eligible
 * performer. Runs after the transition commits, from Modulith's event publication registry, so a crash before it
 * ran resubmits it on restart; the unique (user, source) pair makes a second delivery harmless. In-app
 * notifications do not depend on any feature flag; emails are {@link ReadyEmails}' business.
 */
@Component
class ReadyNotifier {

    static final String KIND = "STEP_READY";

    private final Notifications notifications;
    private final ReadySteps steps;

    ReadyNotifier(Notifications notifications, ReadySteps steps) {
        this.notifications = notifications;
        this.steps = steps;
    }

    @ApplicationModuleListener
    void on(StepBecameReady event) {
        String matter = steps.matter(event);
        String link = ReadySteps.path(event);
        for (var userId : steps.recipients(event)) {
            notifications.create(event.orgId(), userId, event.transitionId(), KIND,
                    "Ready: " + event.stepTitle(), event.instanceTitle() + " · " + matter, link, event.stepId(),
                    event.instanceId());
        }
    }
}
