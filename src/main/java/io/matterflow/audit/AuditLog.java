package io.matterflow.audit;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.MDC;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.matterflow.audit.internal.AuditEventEntity;
import io.matterflow.audit.internal.AuditEventRepository;
import io.matterflow.audit.internal.AuditHeadEntity;
import io.matterflow.audit.internal.AuditHeadRepository;
import io.matterflow.common.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Appends audit events and checks their chains. Each event's hash is an HMAC-SHA256 over its columns and the
 * previous event's hash in the same stream; {@code audit_heads} pins each stream's last event so that removing
 * the newest rows is detected as surely as editing or reordering older ones.
 */
@Service
@Transactional(readOnly = true)
public class AuditLog {

    public static final String GENESIS = "0".repeat(64);
    private static final int VERIFY_BATCH = 1000;

    @PersistenceContext
    private EntityManager em;

    private final AuditEventRepository events;
    private final AuditHeadRepository heads;
    private final Clock clock;
    private final SecretKeySpec key;

    AuditLog(AuditEventRepository events, AuditHeadRepository heads, Clock clock, AuditProperties properties) {
        this.events = events;
        this.heads = heads;
        this.clock = clock;
        this.key = new SecretKeySpec(properties.hmacKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** Records the change in the caller's transaction; there must be one. */
    @Transactional(propagation = Propagation.MANDATORY)
    public AuditEvent append(AuditRecord record) {
        AuditHeadEntity head = heads.findById(record.streamId()).orElse(null);
        if (head == null) {
            head = new AuditHeadEntity(record.streamId(), record.orgId());
        }
        long seq = head.seq() + 1;
        var event = new AuditEventEntity(UUID.randomUUID(), record.orgId(), record.streamId(), seq,
                clock.instant().truncatedTo(ChronoUnit.MICROS), record.actor().kind().name(),
                record.actor().auditId(), record.actor().name(), record.action(), record.entityType(),
                record.entityId(), record.fromState(), record.toState(),
                // a JSON column does not keep null members: hash what will be stored, or verify finds it changed
                Json.withoutNullMembers(Json.normalize(record.metadata())),
                currentRequestId(), head.hash());
        event.seal(hmac(event.canonical()));
        em.persist(event);
        head.advance(seq, event.hash());
        if (head.isNew()) {
            em.persist(head);
        }
        return event.toEvent();
    }

    /** Every event about one entity (a step, an instance, a template), oldest first. */
    public List<AuditEvent> history(UUID orgId, UUID entityId) {
        return events.findByOrgIdAndEntityIdOrderByOccurredAtAscSeqAsc(orgId, entityId).stream()
                .map(AuditEventEntity::toEvent).toList();
    }

    /** Every event of one stream (an instance with its steps), oldest first. */
    public List<AuditEvent> stream(UUID orgId, UUID streamId) {
        return events.findByOrgIdAndStreamIdOrderBySeqAsc(orgId, streamId).stream()
                .map(AuditEventEntity::toEvent).toList();
    }

    /** The organization's events, newest first. */
    public Page<AuditEvent> all(UUID orgId, Pageable pageable) {
        return events.findByOrgIdOrderByOccurredAtDescSeqDesc(orgId, pageable).map(AuditEventEntity::toEvent);
    }

    /** Checks every chain of the organization against its head: edited, removed or reordered rows are found. */
    public AuditVerification verify(UUID orgId) {
        long checked = 0;
        long streams = 0;
        Failure first = null;
        for (UUID streamId : events.findStreamIds(orgId)) {
            streams++;
            var head = heads.findById(streamId).orElse(null);
            String prev = GENESIS;
            long expectedSeq = 1;
            Failure failure = null;
            int page = 0;
            List<AuditEventEntity> batch;
            AuditEventEntity last = null;
            do {
                batch = events.findByOrgIdAndStreamIdOrderBySeqAsc(orgId, streamId, PageRequest.of(page++, VERIFY_BATCH));
                for (AuditEventEntity event : batch) {
                    checked++;
                    if (failure == null) {
                        failure = check(event, expectedSeq, prev);
                    }
                    expectedSeq = event.seq() + 1;
                    prev = event.hash();
                    last = event;
                }
                em.clear();
            } while (batch.size() == VERIFY_BATCH);
            if (failure == null && last != null && (head == null || head.seq() != last.seq() || !head.hash().equals(last.hash()))) {
                failure = new Failure(last, "the chain ends at seq " + last.seq() + " but the stream's head is at "
                        + (head == null ? "none" : "seq " + head.seq()) + ": events were removed or the head was altered");
            }
            if (failure != null && (first == null || failure.event.occurredAt().isBefore(first.event.occurredAt()))) {
                first = failure;
            }
        }
        for (AuditHeadEntity orphan : heads.findHeadsWithoutEvents(orgId)) {
            streams++;
            if (first == null) {
                return new AuditVerification(false, checked, streams, null, orphan.streamId(),
                        "stream has a head at seq " + orphan.seq() + " but no events: events were removed");
            }
        }
        return first == null
                ? new AuditVerification(true, checked, streams, null, null, null)
                : new AuditVerification(false, checked, streams, first.event.id(), first.event.streamId(), first.reason);
    }

    private Failure check(AuditEventEntity event, long expectedSeq, String prev) {
        if (event.seq() != expectedSeq) {
            return new Failure(event, "expected seq " + expectedSeq + " but found " + event.seq()
                    + ": events were removed or reordered");
        }
        if (!event.prevHash().equals(prev)) {
            return new Failure(event, "previous-hash link is broken: events were removed, reordered or edited");
        }
        if (!hmac(event.canonical()).equals(event.hash())) {
            return new Failure(event, "hash does not match the event's content: the event was edited");
        }
        return null;
    }

    private String hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String currentRequestId() {
        String id = MDC.get("requestId");
        return id != null ? id : MDC.get("traceId");
    }

    private record Failure(AuditEventEntity event, String reason) {
    }
}
