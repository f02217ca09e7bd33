package io.matterflow.reminder;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.matterflow.directory.Directory;
import io.matterflow.directory.UserAccount;
import io.matterflow.instance.DueStep;
import io.matterflow.notification.EmailOutbox;
import io.matterflow.notification.FeatureFlags;
import io.matterflow.notification.NotificationProperties;
import io.matterflow.notification.Notifications;

/**
 * Tells people about a step's date: an in-app notification each and, under the firm's email flag
 * ({@value FeatureFlags#READY_EMAIL}), an email each through the outbox, both in the caller's transaction. The source
 * id is derived from what the notice is about, so a notice repeated for the same reason adds nothing.
 */
@Component
class ReminderNotices {

    private final Notifications notifications;
    private final EmailOutbox outbox;
    private final FeatureFlags flags;
    private final Directory directory;
    private final NotificationProperties properties;
    private final Clock clock;

    ReminderNotices(Notifications notifications, EmailOutbox outbox, FeatureFlags flags, Directory directory,
                    NotificationProperties properties, Clock clock) {
        this.notifications = notifications;
        this.outbox = outbox;
        this.flags = flags;
        this.directory = directory;
        this.properties = properties;
        this.clock = clock;
    }

    /** A notice about the step to each recipient. */
    void tell(List<UUID> recipients, DueStep step, UUID sourceId, String kind, String title, String body) {
        for (UUID userId : recipients) {
            notifications.create(step.orgId(), userId, sourceId, kind, title, body, step.path(), step.stepId(),
                    step.instanceId());
        }
        if (recipients.isEmpty() || !flags.isEnabled(step.orgId(), FeatureFlags.READY_EMAIL)) {
            return;
        }
        String link = properties.baseUrl() + step.path();
        for (UUID userId : recipients) {
            directory.findUser(userId).filter(user -> user.orgId().equals(step.orgId()) && user.active())
                    .ifPresent(user -> outbox.enqueue(email(user, step, sourceId, kind, title, body, link),
                            clock.instant()));
        }
    }

    /** The same id for the same notice about the same step and date. */
    static UUID sourceId(UUID stepId, String stage, Instant dueAt) {
        return UUID.nameUUIDFromBytes(("step-reminder:" + stepId + ":" + stage + ":" + dueAt)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static EmailOutbox.NewEmail email(UserAccount user, DueStep step, UUID sourceId, String kind, String title,
                                              String body, String link) {
        String text = """
                Hello %s,

                %s

                Step:     %s
                Workflow: %s
                Matter:   %s
                %s

                Open it: %s
                """.formatted(user.displayName(), title, step.stepTitle(), step.instanceTitle(),
                ReminderMessages.matter(step), body, link);
        return new EmailOutbox.NewEmail(step.orgId(), user.id(), user.email(), user.displayName(), sourceId, kind,
                title + (step.matterReference() == null ? "" : " · " + step.matterReference()), text,
                title + " · " + step.instanceTitle(), link, step.stepId(), step.instanceId());
    }
}
