package io.matterflow.notification;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Sends the outbox's emails after the transactions that queued them committed. Every node polls
 * ({@code matterflow.notifications.poll-interval}) on a thread of its own, so a slow mail server never delays other
 * scheduled work.
 * <p>
 * <b>Once, with several nodes.</b> A node serves a recipient only while it holds the recipient's lease
 * ({@link EmailOutbox#claim}); it renews the lease before each email and marks the email sent right after the
 * server took it. So two nodes never send the same email, and the throttle sees every email to the recipient. A
 * node that dies between handing an email over and marking it sent leaves it pending, and it is sent again when the
 * lease has expired: at least once, never silently lost.
 * <p>
 * <b>Throttle.</b> At most {@code throttle.max-emails} messages per recipient per {@code throttle.window}. Emails
 * beyond that are held until the window has room, and then go out together as one digest, which counts as one
 * message.
 * <p>
 * <b>Failures.</b> A failed email is tried again after {@code retry.initial-backoff}, doubling per attempt up to
 * {@code retry.max-backoff}; after {@code retry.max-attempts} it is marked FAILED and logged as an error.
 * <p>
 * <b>Flag.</b> Emails of an organization whose flag was switched off after they were queued are canceled, not sent.
 */
@Component
class EmailSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EmailSender.class);
    private static final int PRUNE_EVERY_POLLS = 3600;

    private final EmailOutbox outbox;
    private final EmailChannel channel;
    private final FeatureFlags flags;
    private final NotificationProperties properties;
    private final Clock clock;
    private final String node;
    private ThreadPoolTaskScheduler scheduler;
    private ScheduledFuture<?> polling;
    private long polls;
    private volatile boolean stopping;

    EmailSender(EmailOutbox outbox, EmailChannel channel, FeatureFlags flags, NotificationProperties properties,
                Clock clock) {
        this.outbox = outbox;
        this.channel = channel;
        this.flags = flags;
        this.properties = properties;
        this.clock = clock;
        this.node = hostName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Sends what is due now: one pass over the due recipients. Returns the number of messages sent. */
    int sendDue() {
        Instant now = clock.instant();
        int sent = 0;
        for (UUID recipient : outbox.dueRecipients(now, properties.batchSize())) {
            if (stopping) {
                break; // shutting down: the other recipients are left to the other nodes at once
            }
            Instant claimedAt = clock.instant();
            if (!outbox.claim(recipient, node, claimedAt, claimedAt.plus(properties.claimTimeout()))) {
                continue; // another node serves this recipient now
            }
            try {
                sent += serve(recipient);
            } catch (LostLease e) {
                log.warn("Lost the email lease of recipient {} while sending; another node continues", recipient);
            } finally {
                outbox.release(recipient, node);
            }
        }
        if (++polls % PRUNE_EVERY_POLLS == 0) {
            prune();
        }
        return sent;
    }

    private int serve(UUID recipient) {
        Instant now = clock.instant();
        List<OutboxEmail> all = outbox.due(recipient, now);
        int sent = 0;
        for (OutboxEmail email : all.stream().filter(OutboxEmail::account).toList()) {
            if (!deliver(recipient, single(email), List.of(email))) {
                return sent;
            }
            sent++;
        }
        List<OutboxEmail> due = all.stream().filter(e -> !e.account()).toList();
        if (due.isEmpty()) {
            return sent;
        }
        return sent + serveNotifications(recipient, due, now);
    }

    /** READY and assignment emails: under the firm's flag and the per-recipient throttle, the excess as a digest. */
    private int serveNotifications(UUID recipient, List<OutboxEmail> due, Instant now) {
        if (!flags.isEnabled(due.get(0).orgId(), FeatureFlags.READY_EMAIL)) {
            int canceled = outbox.cancel(ids(due), "the organization switched " + FeatureFlags.READY_EMAIL + " off");
            log.info("Canceled {} queued email(s) to {}: the organization switched READY emails off", canceled,
                    due.get(0).email());
            return 0;
        }
        var throttle = properties.throttle();
        List<Instant> recent = outbox.messagesSentSince(recipient, now.minus(throttle.window()));
        int room = throttle.maxEmails() - recent.size();
        if (room <= 0) {
            outbox.hold(ids(due), roomAt(recent));
            return 0;
        }
        if (due.stream().anyMatch(OutboxEmail::throttled)) {
            return deliver(recipient, digest(due), due) ? 1 : 0;
        }
        int sent = 0;
        for (OutboxEmail email : due.subList(0, Math.min(room, due.size()))) {
            if (!deliver(recipient, single(email), List.of(email))) {
                return sent; // the rest stay due and are tried on a later poll
            }
            sent++;
        }
        if (due.size() > room) {
            List<OutboxEmail> rest = due.subList(room, due.size());
            outbox.hold(ids(rest), roomAt(outbox.messagesSentSince(recipient, clock.instant().minus(throttle.window()))));
        }
        return sent;
    }

    /** When the window next has room: when enough of the messages in it have aged out. */
    private Instant roomAt(List<Instant> recentOldestFirst) {
        var throttle = properties.throttle();
        int excess = recentOldestFirst.size() - throttle.maxEmails();
        if (excess < 0) {
            return clock.instant();
        }
        return recentOldestFirst.get(excess).plus(throttle.window());
    }

    /** Hands one message over; on failure schedules the retry or gives up. False when it was not sent. */
    private boolean deliver(UUID recipient, EmailChannel.Email message, List<OutboxEmail> rows) {
        if (!outbox.renew(recipient, node, clock.instant().plus(properties.claimTimeout()))) {
            throw new LostLease();
        }
        try {
            channel.send(message);
        } catch (RuntimeException e) {
            failed(message, rows, e);
            return false;
        }
        outbox.markSent(ids(rows), UUID.randomUUID(), node, clock.instant());
        outbox.scrubAccountEmails(ids(rows));
        return true;
    }

    private void failed(EmailChannel.Email message, List<OutboxEmail> rows, RuntimeException e) {
        int attempts = rows.stream().mapToInt(OutboxEmail::attempts).max().orElse(0) + 1;
        String error = e.getClass().getSimpleName() + ": " + e.getMessage();
        var retry = properties.retry();
        if (attempts >= retry.maxAttempts()) {
            outbox.giveUp(ids(rows), error);
            outbox.scrubAccountEmails(ids(rows));
            log.error("Gave up on the email \"{}\" to {} after {} attempts: {}", message.subject(), message.to(),
                    attempts, error);
        } else {
            Duration wait = retry.backoffAfter(attempts);
            outbox.retryLater(ids(rows), clock.instant().plus(wait), error);
            log.warn("Could not send the email \"{}\" to {} (attempt {} of {}), trying again in {}: {}",
                    message.subject(), message.to(), attempts, retry.maxAttempts(), wait, error);
        }
    }

    private static EmailChannel.Email single(OutboxEmail email) {
        return new EmailChannel.Email(email.email(), email.subject(), email.body());
    }

    private EmailChannel.Email digest(List<OutboxEmail> emails) {
        var throttle = properties.throttle();
        var text = new StringBuilder();
        text.append("Hello ").append(emails.get(0).recipientName()).append(",\n\n")
                .append(emails.size() == 1 ? "This step is" : "These " + emails.size() + " steps are")
                .append(" ready for you in Matterflow. To keep your inbox calm, you get at most ")
                .append(throttle.maxEmails()).append(" emails every ").append(describe(throttle.window()))
                .append("; the rest come together in this digest.\n\n");
        int n = 1;
        for (OutboxEmail email : emails) {
            text.append(n++).append(". ").append(email.summary()).append('\n');
            if (email.link() != null) {
                text.append("   ").append(email.link()).append('\n');
            }
        }
        String subject = emails.size() == 1 ? "Matterflow digest: 1 step is ready for you"
                : "Matterflow digest: " + emails.size() + " steps are ready for you";
        return new EmailChannel.Email(emails.get(0).email(), subject, text.toString());
    }

    private void prune() {
        var cutoff = clock.instant().minus(properties.retention());
        var windowStart = clock.instant().minus(properties.throttle().window());
        int deleted = outbox.prune(cutoff.isBefore(windowStart) ? cutoff : windowStart);
        if (deleted > 0) {
            log.info("Deleted {} finished email(s) older than {}", deleted, properties.retention());
        }
    }

    private void poll() {
        try {
            sendDue();
        } catch (RuntimeException e) {
            log.warn("Could not send queued emails; trying again at the next poll", e);
        }
    }

    @Override
    public synchronized void start() {
        if (!properties.senderEnabled() || scheduler != null) {
            return;
        }
        stopping = false;
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("email-sender-");
        scheduler.setWaitForTasksToCompleteOnShutdown(true);
        scheduler.setAwaitTerminationSeconds(30);
        scheduler.initialize();
        polling = scheduler.scheduleWithFixedDelay(this::poll, properties.pollInterval());
        log.debug("Sending queued emails through {} every {} as {}", channel.name(), properties.pollInterval(), node);
    }

    /**
     * Stops polling: the pass under way finishes the recipient it is serving (up to 30 seconds) and claims no other;
     * then every lease this node still holds is handed back, so that another node sends those emails at once rather
     * than after the claim timeout. If the pass has not finished by then, its lease is left to expire: releasing it
     * while an email may still be on the wire could send that email twice.
     */
    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            stopping = true;
            polling.cancel(false);
            scheduler.shutdown();
            boolean finished = scheduler.getScheduledThreadPoolExecutor().isTerminated();
            scheduler = null;
            if (finished) {
                releaseLeases();
            } else {
                log.warn("Stopped while still sending; this node's email leases expire after {}",
                        properties.claimTimeout());
            }
        }
    }

    private void releaseLeases() {
        try {
            int released = outbox.releaseAll(node);
            if (released > 0) {
                log.info("Handed back {} email lease(s) on shutdown", released);
            }
        } catch (RuntimeException e) {
            log.warn("Could not hand back this node's email leases on shutdown; they expire after {}",
                    properties.claimTimeout(), e);
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    /** This node's name in {@code sent_by}: the host and a per-start suffix. */
    String node() {
        return node;
    }

    private static List<UUID> ids(List<OutboxEmail> emails) {
        return emails.stream().map(OutboxEmail::id).toList();
    }

    private static String describe(Duration window) {
        if (window.toMinutesPart() == 0 && window.toSecondsPart() == 0 && window.toHours() > 0) {
            return window.toHours() == 1 ? "hour" : window.toHours() + " hours";
        }
        if (window.toSecondsPart() == 0 && window.toMinutes() > 0) {
            return window.toMinutes() == 1 ? "minute" : window.toMinutes() + " minutes";
        }
        return window.toSeconds() + " seconds";
    }

    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.length() > 150 ? name.substring(0, 150) : name;
        } catch (Exception e) {
            return "node";
        }
    }

    private static final class LostLease extends RuntimeException {
        LostLease() {
            super(null, null, false, false);
        }
    }
}
