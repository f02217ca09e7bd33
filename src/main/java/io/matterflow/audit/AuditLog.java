package io.matterflow.audit;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
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
 * previous event's hash in the same stream; each stream's {@link AuditHead} pins its last event so that removing
 * the newest rows is detected as surely as editing or reordering older ones. The head is kept on the stream's own
 * row where a module has one ({@link AuditHeadRows}: an instance's), else in {@code audit_heads}.
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
    private final List<AuditHeadRows> rows;
    private final Clock clock;
    private final SecretKeySpec key;

    AuditLog(AuditEventRepository events, AuditHeadRepository heads, List<AuditHeadRows> rows, Clock clock,
             AuditProperties properties) {
        this.events = events;
        this.heads = heads;
        this.rows = List.copyOf(rows);
        this.clock = clock;
        this.key = new SecretKeySpec(properties.hmacKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** Records the change in the caller's transaction; there must be one. */
    @Transactional(propagation = Propagation.MANDATORY)
    public AuditEvent append(AuditRecord record) {
        AuditHead head = headOnRow(record.streamId());
        AuditHeadEntity stored = null;
        if (head == null) {
            stored = heads.findById(record.streamId()).orElseGet(() -> new AuditHeadEntity(record.streamId(), record.orgId()));
            head = stored.head();
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
        if (stored != null && stored.isNew()) {
            em.persist(stored);
        }
        return event.toEvent();
    }

    private AuditHead headOnRow(UUID streamId) {
        for (AuditHeadRows row : rows) {
            AuditHead head = row.find(streamId);
            if (head != null) {
                return head;
            }
        }
        return null;
    }

    private AuditHead headOf(UUID streamId) {
        AuditHead head = headOnRow(streamId);
        return head != null ? head : heads.findById(streamId).map(AuditHeadEntity::head).orElse(null);
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
        List<UUID> streamIds = events.findStreamIds(orgId);
        for (UUID streamId : streamIds) {
            streams++;
            var head = headOf(streamId);
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
                return removedWhole(checked, streams, orphan.streamId(), orphan.head());
            }
        }
        Set<UUID> withEvents = new HashSet<>(streamIds);
        for (AuditHeadRows row : rows) {
            for (UUID begun : row.begunStreams(orgId)) {
                if (!withEvents.contains(begun)) {
                    streams++;
                    if (first == null) {
                        return removedWhole(checked, streams, begun, row.find(begun));
                    }
                }
            }
        }
        return first == null
                ? new AuditVerification(true, checked, streams, null, null, null)
                : new AuditVerification(false, checked, streams, first.event.id(), first.event.streamId(), first.reason);
    }

    private static AuditVerification removedWhole(long checked, long streams, UUID streamId, AuditHead head) {
        return new AuditVerification(false, checked, streams, null, streamId,
                "stream has a head at seq " + head.seq() + " but no events: events were removed");
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
