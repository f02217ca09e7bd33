package io.matterflow.notification;

import java.util.Set;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.matterflow.access.StepAccess;
import io.matterflow.access.StepRef;
import io.matterflow.directory.Directory;
import io.matterflow.instance.StepBecameReady;

/**
 * When a step becomes READY: an in-app notification for its assignee or, when unassigned, for each eligible
 * performer. Runs after the transition commits, from Modulith's event publication registry, so a crash before it
 * ran resubmits it on restart; the unique (user, source) pair makes a second delivery harmless.
 */
@Component
class ReadyNotifier {

    static final String KIND = "STEP_READY";

    private final Notifications notifications;
    private final StepAccess access;
    private final Directory directory;

    ReadyNotifier(Notifications notifications, StepAccess access, Directory directory) {
        this.notifications = notifications;
        this.access = access;
        this.directory = directory;
    }

    @ApplicationModuleListener
    void on(StepBecameReady event) {
        Set<java.util.UUID> recipients = event.assignedToId() != null ? Set.of(event.assignedToId())
                : access.resolveEligibleActors(event.instanceId(), new StepRef(event.stepId(), event.instanceId(),
                event.matterId(), event.orgId(), event.roleScope(), null));
        String matter = directory.findMatter(event.orgId(), event.matterId())
                .map(m -> m.reference() + " " + m.title()).orElse("");
        String link = "/matters/" + event.matterId() + "/workflows/" + event.instanceId() + "#step-" + event.stepId();
        for (var userId : recipients) {
            notifications.create(event.orgId(), userId, event.transitionId(), KIND,
                    "Ready: " + event.stepTitle(), event.instanceTitle() + " · " + matter, link, event.stepId(),
                    event.instanceId());
        }
    }
}
