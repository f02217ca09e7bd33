package io.matterflow.notification;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code email_outbox} table and the per-recipient leases of {@code email_recipient_leases}: plain SQL that
 * runs the same on H2 and PostgreSQL. {@link #enqueue} joins the caller's transaction; every other statement here
 * commits on its own, so that nothing holds a transaction open while an email is on the wire.
 */
@Component
public class EmailOutbox {

    enum Status { PENDING, SENT, FAILED, CANCELED }

    /** An email to queue. */
    public record NewEmail(UUID orgId, UUID recipientId, String email, String recipientName, UUID sourceId, String kind,
                    String subject, String body, String summary, String link, UUID stepId, UUID instanceId) {
    }

    static final int MAX_SUBJECT = 300;
    static final int MAX_BODY = 4000;
    static final int MAX_SUMMARY = 600;
    static final int MAX_ERROR = 1000;

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    EmailOutbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /**
     * Queues the email, due at once, unless the recipient already has one from the same source: a repeated event
     * queues nothing. Returns whether a row was added.
     */
    public boolean enqueue(NewEmail email, Instant now) {
        return jdbc.update("""
                insert into email_outbox (id, org_id, recipient_id, email, recipient_name, source_id, kind, subject,
                    body, summary, link, step_id, instance_id, status, throttled, attempts, next_attempt_at, created_at)
                select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', false, 0, ?, ?
                where not exists (select 1 from email_outbox where recipient_id = ? and source_id = ?)
                """, UUID.randomUUID(), email.orgId(), email.recipientId(), email.email(),
                truncate(email.recipientName(), 200), email.sourceId(), email.kind(),
                truncate(email.subject(), MAX_SUBJECT), truncate(email.body(), MAX_BODY),
                truncate(email.summary(), MAX_SUMMARY), email.link(), email.stepId(), email.instanceId(), at(now),
                at(now), email.recipientId(), email.sourceId()) > 0;
    }

    /** The text an account email keeps once it left the outbox: its one-time link is gone. */
    static final String REMOVED = "(removed once the email left the outbox: it held a one-time link)";

    /**
     * Account emails (invitations, password resets) hold a one-time link: once sent, canceled or given up, their
     * text is replaced, so that the link exists only in the recipient's mailbox.
     */
    void scrubAccountEmails(Collection<UUID> ids) {
        named.update("""
                update email_outbox set body = :removed, summary = :removed, link = null
                where id in (:ids) and status <> 'PENDING' and kind in (:kinds)
                """, Map.of("removed", REMOVED, "ids", ids, "kinds", ACCOUNT_KINDS));
    }

    /** Cancels and scrubs the pending account emails of one link. */
    void cancelAccountEmails(UUID sourceId) {
        named.update("""
                update email_outbox set status = 'CANCELED', last_error = 'the link was revoked', body = :removed,
                    summary = :removed, link = null
                where source_id = :source and status = 'PENDING' and kind in (:kinds)
                """, Map.of("removed", REMOVED, "source", sourceId, "kinds", ACCOUNT_KINDS));
    }

    private static final List<String> ACCOUNT_KINDS = java.util.Arrays.stream(AccountEmails.Kind.values())
            .map(Enum::name).toList();

    /** Recipients with an email due, the longest waiting first. */
    List<UUID> dueRecipients(Instant now, int limit) {
        return jdbc.queryForList("""
                select recipient_id from email_outbox where status = 'PENDING' and next_attempt_at <= ?
                group by recipient_id order by min(next_attempt_at) limit ?
                """, UUID.class, at(now), limit);
    }

    /**
     * Takes the recipient's lease for this node until {@code until}, if no other node holds it now. The update's
     * condition is checked again on the row once a concurrent update of it has committed, so of two nodes at most
     * one succeeds.
     */
    boolean claim(UUID recipientId, String node, Instant now, Instant until) {
        int taken = jdbc.update("""
                update email_recipient_leases set claimed_by = ?, claimed_until = ?
                where recipient_id = ? and (claimed_until is null or claimed_until < ?)
                """, node, at(until), recipientId, at(now));
        if (taken > 0) {
            return true;
        }
        try {
            return jdbc.update("""
                    insert into email_recipient_leases (recipient_id, claimed_by, claimed_until)
                    select ?, ?, ? where not exists (select 1 from email_recipient_leases where recipient_id = ?)
                    """, recipientId, node, at(until), recipientId) > 0;
        } catch (DuplicateKeyException e) {
            return false; // another node created the lease at the same moment
        }
    }

    /** Extends this node's lease; false when it no longer holds it. */
    boolean renew(UUID recipientId, String node, Instant until) {
        return jdbc.update("update email_recipient_leases set claimed_until = ? where recipient_id = ? and claimed_by = ?",
                at(until), recipientId, node) > 0;
    }

    void release(UUID recipientId, String node) {
        jdbc.update("""
                update email_recipient_leases set claimed_by = null, claimed_until = null
                where recipient_id = ? and claimed_by = ?
                """, recipientId, node);
    }

    /** Ends every lease the node holds (on shutdown). Returns how many it held. */
    int releaseAll(String node) {
        return jdbc.update("update email_recipient_leases set claimed_by = null, claimed_until = null"
                + " where claimed_by = ?", node);
    }

    /** The recipient's emails that are due, oldest first. */
    List<OutboxEmail> due(UUID recipientId, Instant now) {
        return jdbc.query("""
                select id, org_id, recipient_id, email, recipient_name, kind, subject, body, summary, link, throttled,
                    attempts, created_at
                from email_outbox where recipient_id = ? and status = 'PENDING' and next_attempt_at <= ?
                order by created_at, id
                """, (rs, i) -> new OutboxEmail(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class),
                rs.getObject("recipient_id", UUID.class), rs.getString("email"), rs.getString("recipient_name"),
                rs.getString("kind"), rs.getString("subject"), rs.getString("body"), rs.getString("summary"),
                rs.getString("link"), rs.getBoolean("throttled"), rs.getInt("attempts"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant()), recipientId, at(now));
    }

    /**
     * When each notification message (a single email or a digest) sent to the recipient after {@code since} went out,
     * oldest first. Account emails do not count: the throttle is for notifications.
     */
    List<Instant> messagesSentSince(UUID recipientId, Instant since) {
        return named.query("""
                select min(sent_at) as sent_at from email_outbox
                where recipient_id = :recipient and status = 'SENT' and sent_at > :since and kind not in (:kinds)
                group by message_id order by min(sent_at)
                """, Map.of("recipient", recipientId, "since", at(since), "kinds", ACCOUNT_KINDS),
                (rs, i) -> rs.getObject("sent_at", OffsetDateTime.class).toInstant());
    }

    /** Marks the emails sent as one message; only those still pending. */
    int markSent(Collection<UUID> ids, UUID messageId, String node, Instant at) {
        return named.update("""
                update email_outbox set status = 'SENT', sent_at = :at, sent_by = :node, message_id = :message,
                    attempts = attempts + 1, last_error = null
                where id in (:ids) and status = 'PENDING'
                """, Map.of("at", at(at), "node", node, "message", messageId, "ids", ids));
    }

    /** Counts a failed attempt and sets when to try again. */
    void retryLater(Collection<UUID> ids, Instant next, String error) {
        named.update("""
                update email_outbox set attempts = attempts + 1, next_attempt_at = :next, last_error = :error
                where id in (:ids) and status = 'PENDING'
                """, Map.of("next", at(next), "error", truncate(error, MAX_ERROR), "ids", ids));
    }

    /** Counts a failed attempt and gives up. */
    void giveUp(Collection<UUID> ids, String error) {
        named.update("""
                update email_outbox set status = 'FAILED', attempts = attempts + 1, last_error = :error
                where id in (:ids) and status = 'PENDING'
                """, Map.of("error", truncate(error, MAX_ERROR), "ids", ids));
    }

    /** Holds the emails back by the throttle until {@code until}; they then go out together as one digest. */
    void hold(Collection<UUID> ids, Instant until) {
        named.update("""
                update email_outbox set throttled = true, next_attempt_at = :until
                where id in (:ids) and status = 'PENDING'
                """, Map.of("until", at(until), "ids", ids));
    }

    /** Drops pending emails that must not be sent any more. */
    int cancel(Collection<UUID> ids, String reason) {
        return named.update("""
                update email_outbox set status = 'CANCELED', last_error = :reason
                where id in (:ids) and status = 'PENDING'
                """, Map.of("reason", truncate(reason, MAX_ERROR), "ids", ids));
    }

    /** Drops the pending emails of a kind about one step (throttled ones included). */
    int cancelForStep(UUID stepId, String kind, String reason) {
        return jdbc.update("""
                update email_outbox set status = 'CANCELED', last_error = ?
                where step_id = ? and kind = ? and status = 'PENDING'
                """, truncate(reason, MAX_ERROR), stepId, kind);
    }

    /** Deletes finished emails created before {@code before}. */
    int prune(Instant before) {
        return jdbc.update("delete from email_outbox where status <> 'PENDING' and created_at < ?", at(before));
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static String truncate(String text, int max) {
        if (text == null) {
            return null;
        }
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
