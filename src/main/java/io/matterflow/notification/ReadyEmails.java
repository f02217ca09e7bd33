package io.matterflow.notification;

import java.time.Clock;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.matterflow.directory.Directory;
import io.matterflow.directory.UserAccount;
import io.matterflow.instance.StepAssigned;
import io.matterflow.instance.StepBecameReady;

/**
 * Queues the READY emails in the transaction that made the step READY ({@link ReadyNotifier} hands each READY step
 * over, with its matter and recipients already resolved, from its synchronous listener), so the emails exist exactly
 * when the transition committed, and a transition that rolls back leaves none. Only when the organization's flag
 * {@value FeatureFlags#READY_EMAIL} is on, read from the database each time. {@link EmailSender} sends them after
 * commit.
 */
@Component
class ReadyEmails {

    static final String KIND = "STEP_READY";
    static final String ASSIGNED_KIND = "STEP_ASSIGNED";

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

    /** The READY step's emails, one per recipient ({@link ReadySteps#recipients}), in the caller's transaction. */
    void queue(StepBecameReady event, String matter, Set<UUID> recipients) {
        if (!flags.isEnabled(event.orgId(), FeatureFlags.READY_EMAIL)) {
            return;
        }
        String link = properties.baseUrl() + ReadySteps.path(event);
        for (UUID userId : recipients) {
            directory.findUser(userId).filter(user -> user.orgId().equals(event.orgId()) && user.active())
                    .ifPresent(user -> outbox.enqueue(email(event, user, matter, link), clock.instant()));
        }
    }

    /** The person a step was given to gets an email as for a READY step, under the same flag. */
    @EventListener
    void on(StepAssigned event) {
        if (!flags.isEnabled(event.orgId(), FeatureFlags.READY_EMAIL)) {
            return;
        }
        String matter = steps.matter(event.orgId(), event.matterId());
        String link = properties.baseUrl() + ReadySteps.path(event.matterId(), event.instanceId(), event.stepId());
        directory.findUser(event.assigneeId()).filter(user -> user.orgId().equals(event.orgId()) && user.active())
                .ifPresent(user -> outbox.enqueue(assignedEmail(event, user, matter, link), clock.instant()));
    }

    private static EmailOutbox.NewEmail assignedEmail(StepAssigned event, UserAccount user, String matter,
                                                      String link) {
        String subject = "Assigned to you: " + event.stepTitle() + (matter.isEmpty() ? "" : " · " + matter);
        String body = """
                Hello %s,

                A step has been assigned to you in Matterflow.

                Step:     %s
                Workflow: %s
                Matter:   %s

                Open it: %s
                """.formatted(user.displayName(), event.stepTitle(), event.instanceTitle(), matter, link);
        String summary = event.stepTitle() + " · " + event.instanceTitle() + (matter.isEmpty() ? "" : " · " + matter);
        return new EmailOutbox.NewEmail(event.orgId(), user.id(), user.email(), user.displayName(),
                event.transitionId(), ASSIGNED_KIND, subject, body, summary, link, event.stepId(), event.instanceId());
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
