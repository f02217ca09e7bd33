package io.matterflow.notification;

import java.time.Clock;

import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.matterflow.directory.Directory;
import io.matterflow.directory.MatterDetails;
import io.matterflow.instance.LateProviderEvent;
import io.matterflow.instance.ProviderEventRecordedLate;

/**
 * When a provider's event came after its step had moved on (a payment for a skipped step, a signature for a retried
 * step's earlier session): the matter's owner decides what it means for the matter (a refund, reopening the work), so
 * they are told in the app, after the record commits, from Modulith's event publication registry, and by email under
 * the READY emails' flag ({@value FeatureFlags#READY_EMAIL}), queued in the recording transaction. The record's audit
 * event is the source of both, so a second delivery of the event adds nothing.
 */
@Component
class LateEventNotifier {

    static final String KIND = "PROVIDER_EVENT_LATE";

    private final Notifications notifications;
    private final Directory directory;
    private final FeatureFlags flags;
    private final EmailOutbox outbox;
    private final NotificationProperties properties;
    private final Clock clock;

    LateEventNotifier(Notifications notifications, Directory directory, FeatureFlags flags, EmailOutbox outbox,
                      NotificationProperties properties, Clock clock) {
        this.notifications = notifications;
        this.directory = directory;
        this.flags = flags;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(ProviderEventRecordedLate event) {
        directory.findMatter(event.orgId(), event.matterId()).ifPresent(matter -> notifications.create(
                event.orgId(), matter.ownerId(), event.auditEventId(), KIND, title(event, matter),
                event.summary() + " · " + event.stepTitle() + " · " + event.instanceTitle() + " · "
                        + ReadySteps.label(matter),
                ReadySteps.path(event.matterId(), event.instanceId(), event.stepId()), event.stepId(),
                event.instanceId()));
    }

    /** The email, in the recording transaction: it exists exactly when the record does. */
    @EventListener
    void email(ProviderEventRecordedLate event) {
        if (!flags.isEnabled(event.orgId(), FeatureFlags.READY_EMAIL)) {
            return;
        }
        directory.findMatter(event.orgId(), event.matterId())
                .flatMap(matter -> directory.findUser(matter.ownerId())
                        .filter(user -> user.orgId().equals(event.orgId()) && user.active())
                        .map(owner -> {
                            String link = properties.baseUrl()
                                    + ReadySteps.path(event.matterId(), event.instanceId(), event.stepId());
                            String body = """
                                    Hello %s,

                                    A provider reported something about a step that had already moved on. Matterflow
                                    recorded it and did not change the step: what it means for the matter is yours to
                                    decide.

                                    What:     %s
                                    Step:     %s
                                    Workflow: %s
                                    Matter:   %s

                                    Open it: %s
                                    """.formatted(owner.displayName(), event.summary(), event.stepTitle(),
                                    event.instanceTitle(), ReadySteps.label(matter), link);
                            return new EmailOutbox.NewEmail(event.orgId(), owner.id(), owner.email(),
                                    owner.displayName(), event.auditEventId(), KIND, title(event, matter), body,
                                    event.summary() + " · " + event.stepTitle(), link, event.stepId(),
                                    event.instanceId());
                        }))
                .ifPresent(email -> outbox.enqueue(email, clock.instant()));
    }

    /** "Payment received for a skipped step: Retainer on M-001 Smith v Jones". */
    static String title(ProviderEventRecordedLate event, MatterDetails matter) {
        return LateProviderEvent.headline(event.eventType()) + " " + event.reason().forWhat() + ": "
                + event.stepTitle() + " on " + ReadySteps.label(matter);
    }
}
