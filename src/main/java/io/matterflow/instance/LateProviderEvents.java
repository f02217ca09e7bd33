package io.matterflow.instance;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.matterflow.audit.AuditLog;
import io.matterflow.audit.AuditRecord;
import io.matterflow.common.ForbiddenException;
import io.matterflow.directory.Actor;

/**
 * Provider events that came after their step had moved on ({@link LateProviderEvent}): recorded with the step, audited
 * on the instance's stream as {@value #ACTION} and announced ({@link ProviderEventRecordedLate}) in the transaction
 * of the webhook that received them, so they exist exactly when the event's record does; never applied to the step.
 */
@Service
public class LateProviderEvents {

    static final String ACTION = "step.provider-event-late";

    private final JdbcTemplate jdbc;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Instances instances;

    LateProviderEvents(JdbcTemplate jdbc, AuditLog audit, ApplicationEventPublisher events, Instances instances) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
        this.instances = instances;
    }

    /** What a provider reported: its kind and name, its event's id and type, the session, and a payment's amount. */
    public record Reported(String providerKind, String provider, String eventId, String eventType, String reference,
                           BigDecimal amount, String currency, Instant receivedAt) {
    }

    /** Records the event about the step found; in the caller's (the webhook's) transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public LateProviderEvent record(ProviderStep found, Reported reported, LateProviderEvent.Reason reason) {
        StepDetails step = found.step();
        String summary = LateProviderEvent.what(reported.eventType(), reported.amount(), reported.currency()) + " "
                + reason.when();
        var late = new LateProviderEvent(UUID.randomUUID(), step.id(), step.instanceId(), found.matterId(),
                reported.providerKind(), reported.provider(), reported.eventId(), reported.reference(),
                reported.eventType(), reported.amount(), reported.currency(), reason, reported.receivedAt(), summary);
        jdbc.update("""
                insert into late_provider_events (id, org_id, matter_id, instance_id, step_id, provider_kind, provider,
                    event_id, reference, event_type, amount, currency, reason, received_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, late.id(), found.orgId(), late.matterId(), late.instanceId(), late.stepId(), late.providerKind(),
                late.provider(), late.eventId(), late.reference(), late.eventType(), late.amount(), late.currency(),
                reason.name(), Timestamp.from(late.receivedAt()));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("lateEventId", late.id().toString());
        metadata.put("providerKind", late.providerKind());
        metadata.put("eventId", late.eventId());
        metadata.put("eventType", late.eventType());
        metadata.put("reference", late.reference());
        if (late.amount() != null) {
            metadata.put("amount", late.amount().toPlainString());
            metadata.put("currency", late.currency());
        }
        metadata.put("reason", reason.name());
        metadata.put("stepState", step.actionState().name());
        metadata.put("instanceStatus", found.instanceStatus().name());
        metadata.put("summary", summary);
        metadata.put("title", step.title());
        var recorded = audit.append(new AuditRecord(found.orgId(), step.instanceId(), found.actor(), ACTION, "STEP",
                step.id(), step.actionState().name(), step.actionState().name(), metadata));
        events.publishEvent(new ProviderEventRecordedLate(found.orgId(), found.matterId(), step.instanceId(),
                step.id(), step.title(), found.instanceTitle(), late.eventType(), reason, summary, recorded.id()));
        return late;
    }

    /** The late event recorded for the provider's event id, if it was one. */
    public Optional<LateProviderEvent> byEvent(String providerKind, String provider, String eventId) {
        return jdbc.query("select * from late_provider_events where provider_kind = ? and provider = ? and event_id = ?",
                ROW, providerKind, provider, eventId).stream().findFirst();
    }

    /** The instance's late events, oldest first: the firm's (a client is refused, 403), 404 where it is not seen. */
    @Transactional(readOnly = true)
    public List<LateProviderEvent> forInstance(Actor actor, UUID instanceId) {
        InstanceDetails instance = instances.get(actor, instanceId);
        if (ClientView.applies(actor)) {
            throw new ForbiddenException("the record of late provider events is the firm's");
        }
        return of(instance.orgId(), instance.id());
    }

    /** The instance's late events, oldest first, for a caller that has checked access. */
    public List<LateProviderEvent> of(UUID orgId, UUID instanceId) {
        return jdbc.query("select * from late_provider_events where org_id = ? and instance_id = ?"
                + " order by received_at, id", ROW, orgId, instanceId);
    }

    private static final RowMapper<LateProviderEvent> ROW = (rs, n) -> {
        String type = rs.getString("event_type");
        BigDecimal amount = rs.getBigDecimal("amount");
        String currency = rs.getString("currency");
        var reason = LateProviderEvent.Reason.valueOf(rs.getString("reason"));
        if (amount != null) {
            amount = amount.stripTrailingZeros();
            if (amount.scale() < 0) {
                amount = amount.setScale(0);
            }
        }
        return new LateProviderEvent(rs.getObject("id", UUID.class), rs.getObject("step_id", UUID.class),
                rs.getObject("instance_id", UUID.class), rs.getObject("matter_id", UUID.class),
                rs.getString("provider_kind"), rs.getString("provider"), rs.getString("event_id"),
                rs.getString("reference"), type, amount, currency, reason,
                rs.getTimestamp("received_at").toInstant(),
                LateProviderEvent.what(type, amount, currency) + " " + reason.when());
    };
}
