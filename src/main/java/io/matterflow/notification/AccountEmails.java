package io.matterflow.notification;

import java.time.Clock;
import java.util.UUID;

import org.springframework.stereotype.Service;

/**
 * Emails about a person's account (an invitation, a password reset), queued in the caller's transaction through the
 * same outbox as every email and sent after commit. Unlike READY emails they do not depend on the firm's
 * notification flag, are never held by the throttle or folded into a digest, and, since they carry a one-time link,
 * their text is removed from the outbox once sent (or canceled or given up): the link then exists only in the
 * recipient's mailbox, and the database keeps only its SHA-256.
 */
@Service
public class AccountEmails {

    /** The kinds of account email; the outbox's {@code kind}. */
    public enum Kind {
        ACCOUNT_INVITATION, ACCOUNT_PASSWORD_RESET;

        static boolean isAccount(String kind) {
            for (Kind k : values()) {
                if (k.name().equals(kind)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** An account email to one person; {@code sourceId} is the one-time link's id (one email per link). */
    public record AccountEmail(UUID orgId, UUID recipientId, String address, String recipientName, UUID sourceId,
                               Kind kind, String subject, String body) {

        @Override
        public String toString() {
            return "AccountEmail[" + kind + " to " + recipientId + ", body hidden]";
        }
    }

    private final EmailOutbox outbox;
    private final EmailChannel channel;
    private final Clock clock;

    AccountEmails(EmailOutbox outbox, EmailChannel channel, Clock clock) {
        this.outbox = outbox;
        this.channel = channel;
        this.clock = clock;
    }

    /** Queues the email in the current transaction; it goes out once that commits. */
    public void queue(AccountEmail email) {
        outbox.enqueue(new EmailOutbox.NewEmail(email.orgId(), email.recipientId(), email.address(),
                email.recipientName(), email.sourceId(), email.kind().name(), email.subject(), email.body(),
                email.subject(), null, null, null), clock.instant());
    }

    /** Cancels the email of this link if it is still waiting (the link was revoked before it went out). */
    public void cancel(UUID sourceId) {
        outbox.cancelAccountEmails(sourceId);
    }

    /** Whether emails go to an SMTP server ({@code spring.mail.host} set), rather than to the log. */
    public boolean viaSmtp() {
        return "smtp".equals(channel.name());
    }
}
