package io.matterflow.notification;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.matterflow.directory.Directory;
import io.matterflow.instance.DocumentQuarantined;

/**
 * When the upload scanner finds a document infected: an in-app notification for the matter's owner, who decides what
 * the matter needs (a step that accepted the document stays completed). Runs after the verdict commits, from
 * Modulith's event publication registry; the quarantine's audit event is the source, so a second delivery adds
 * nothing.
 */
@Component
class QuarantineNotifier {

    static final String KIND = "DOCUMENT_QUARANTINED";

    private final Notifications notifications;
    private final Directory directory;

    QuarantineNotifier(Notifications notifications, Directory directory) {
        this.notifications = notifications;
        this.directory = directory;
    }

    @ApplicationModuleListener
    void on(DocumentQuarantined event) {
        directory.findMatter(event.orgId(), event.matterId()).ifPresent(matter -> notifications.create(
                event.orgId(), matter.ownerId(), event.auditEventId(), KIND,
                "Infected document quarantined: " + event.documentName(),
                (event.submitted() ? "Already accepted by the completed step \"" : "Uploaded to \"")
                        + event.stepTitle() + "\" · " + event.instanceTitle() + " · " + ReadySteps.label(matter),
                "/matters/" + event.matterId() + "/workflows/" + event.instanceId() + "#step-" + event.stepId(),
                event.stepId(), event.instanceId()));
    }
}
