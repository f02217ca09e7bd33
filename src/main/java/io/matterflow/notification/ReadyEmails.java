package io.matterflow.notification;

import java.time.Clock;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.matterflow.directory.Directory;
import io.matterflow.directory.UserAccount;
import io.matterflow.instance.StepBecameReady;

/**
 * Queues the READY emails in the transaction that made the step READY (a plain, synchronous listener: the event is
 * published inside that transaction), so the emails exist exactly when the transition committed, and a transition
 * that rolls back leaves none. Only when the organization's flag {@value FeatureFlags#READY_EMAIL} is on, read from
 * the database each time. {@link EmailSender} sends them after commit.
 */
@Component
class ReadyEmails {

    static final String KIND = "STEP_READY";

    private final FeatureFlags flags;
    private final ReadySteps steps;
    private final Directory directory;
    private final EmailOutbox outbox;
    private final NotificationProperties properties;
    private final Clock clock;

    ReadyEmails(FeatureFlags flags, ReadySteps steps, Directory directory, EmailOutbox outbox,
                NotificationProperties properties, Clock clock) {
        this.flags = flags;
        this.steps = steps;
        this.directory = directory;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener
    void on(StepBecameReady event) {
        if (!flags.isEnabled(event.orgId(), FeatureFlags.READY_EMAIL)) {
            return;
        }
        String matter = steps.matter(event);
        String link = properties.baseUrl() + ReadySteps.path(event);
        for (UUID userId : steps.recipients(event)) {
            directory.findUser(userId).filter(user -> user.orgId().equals(event.orgId()))
                    .ifPresent(user -> outbox.enqueue(email(event, user, matter, link), clock.instant()));
        }
    }

    private static EmailOutbox.NewEmail email(StepBecameReady event, UserAccount user, String matter, String link) {
        String subject = "Ready for you: " + event.stepTitle() + (matter.isEmpty() ? "" : " · " + matter);
        String body = """
                Hello %s,

                A step is ready for you in Matterflow.

                Step:     %s
                Workflow: %s
                Matter:   %s

                Open it: %s

                You receive this email because %s.
                """.formatted(user.displayName(), event.stepTitle(), event.instanceTitle(), matter, link,
                event.assignedToId() != null ? "the step is assigned to you" : "you may perform the step");
        String summary = event.stepTitle() + " · " + event.instanceTitle() + (matter.isEmpty() ? "" : " · " + matter);
        return new EmailOutbox.NewEmail(event.orgId(), user.id(), user.email(), user.displayName(),
                event.transitionId(), KIND, subject, body, summary, link, event.stepId(), event.instanceId());
    }
}
