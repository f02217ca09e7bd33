package io.matterflow.instance;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.matterflow.action.ActionState;
import io.matterflow.calendar.BusinessCalendars;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Directory;
import io.matterflow.directory.MatterDetails;
import io.matterflow.directory.Role;
import io.matterflow.instance.internal.InstanceEntity;
import io.matterflow.instance.internal.InstanceRepository;
import io.matterflow.instance.internal.InstanceStepEntity;
import io.matterflow.instance.internal.InstanceStepRepository;

/**
 * A performer's work across matters: steps of ACTIVE instances assigned to them, and (unless only assigned ones are
 * asked for) unassigned steps they are eligible for.
 */
@Service
@Transactional(readOnly = true)
public class Inbox {

    public static final Set<ActionState> DEFAULT_STATES = EnumSet.of(ActionState.READY, ActionState.IN_PROGRESS,
            ActionState.BLOCKED);
    private static final List<UUID> NONE = List.of(new UUID(0, 0));

    /** Which due dates the inbox shows: all steps, only dated ones, overdue ones, or those due later this week. */
    public enum DueFilter {
        ALL, DATED, OVERDUE, THIS_WEEK
    }

    /** The inbox's order: soonest due first (undated last, then oldest change), or oldest change first. */
    public enum Order {
        DUE, UPDATED
    }

    /** A due date this close (or closer) and not past is "due soon". */
    public static final Duration DUE_SOON = Duration.ofHours(48);
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-01-01T00:00:00Z");

    private final InstanceStepRepository steps;
    private final InstanceRepository instances;
    private final Directory directory;
    private final BusinessCalendars calendars;
    private final Clock clock;

    Inbox(InstanceStepRepository steps, InstanceRepository instances, Directory directory, BusinessCalendars calendars,
          Clock clock) {
        this.steps = steps;
        this.instances = instances;
        this.directory = directory;
        this.calendars = calendars;
        this.clock = clock;
    }

    public Page<InboxItem> of(Actor actor, boolean onlyAssigned, Set<ActionState> states, Pageable pageable) {
        return of(actor, onlyAssigned, states, DueFilter.ALL, Order.DUE, pageable);
    }

    /**
     * The actor's inbox. "This week" is from now to the end of Sunday in the firm's time zone; "overdue" is due
     * before now.
     */
    public Page<InboxItem> of(Actor actor, boolean onlyAssigned, Set<ActionState> states, DueFilter due, Order order,
                              Pageable pageable) {
        Map<Role, Set<UUID>> matters = directory.performerMatters(actor.orgId(), actor.userId());
        Instant now = clock.instant();
        Instant from = EARLIEST;
        Instant to = LATEST;
        if (due == DueFilter.OVERDUE) {
            to = now;
        } else if (due == DueFilter.THIS_WEEK) {
            ZoneId zone = calendars.of(actor.orgId()).zone();
            from = now;
            to = now.atZone(zone).toLocalDate().with(TemporalAdjusters.next(DayOfWeek.MONDAY)).atStartOfDay(zone)
                    .toInstant();
        }
        int dated = due == null || due == DueFilter.ALL ? 0 : 1;
        Collection<ActionState> wanted = states == null || states.isEmpty() ? DEFAULT_STATES : states;
        Collection<UUID> lawyer = orNone(matters.get(Role.LAWYER));
        Collection<UUID> paralegal = orNone(matters.get(Role.PARALEGAL));
        Collection<UUID> client = orNone(matters.get(Role.CLIENT));
        List<String> stateNames = wanted.stream().map(Enum::name).toList();
        int assignedOnly = onlyAssigned ? 1 : 0;
        int admin = actor.role() == Role.ADMIN ? 1 : 0;
        List<Object[]> found = steps.findInbox(actor.orgId(), actor.userId(), stateNames, assignedOnly, lawyer,
                paralegal, client, admin, dated, from, to, order == Order.UPDATED ? 0 : 1, pageable.getPageSize(),
                pageable.getOffset());
        long total = !found.isEmpty() ? ((Number) found.get(0)[1]).longValue()
                : pageable.getPageNumber() == 0 ? 0
                : steps.countInbox(actor.orgId(), actor.userId(), stateNames, assignedOnly, lawyer, paralegal, client,
                        admin, dated, from, to);
        List<UUID> ids = found.stream().map(r -> UUID.fromString((String) r[0])).toList();
        Map<UUID, InstanceStepEntity> byStepId = steps.findAllById(ids).stream()
                .collect(Collectors.toMap(InstanceStepEntity::id, step -> step));
        Page<InstanceStepEntity> rows = new PageImpl<>(ids.stream().map(byStepId::get).toList(), pageable, total);
        Map<UUID, InstanceEntity> instancesById = instances.findAllById(
                rows.stream().map(InstanceStepEntity::instanceId).distinct().toList()).stream()
                .collect(Collectors.toMap(InstanceEntity::id, i -> i));
        Map<UUID, MatterDetails> byId = directory.mattersById(actor.orgId(),
                rows.stream().map(InstanceStepEntity::matterId).distinct().toList());
        return rows.map(step -> {
            InstanceEntity instance = instancesById.get(step.instanceId());
            MatterDetails matter = byId.get(step.matterId());
            StepDetails details = step.toDetails();
            if (ClientView.applies(actor)) {
                details = ClientView.of(details);
            }
            return new InboxItem(details, instance.id(), instance.title(), instance.matterId(),
                    matter == null ? null : matter.reference(), matter == null ? null : matter.title(),
                    urgency(details.due(), now));
        });
    }

    /** How pressing a due date is now: OVERDUE, DUE_SOON (within {@link #DUE_SOON}), null otherwise. */
    public static InboxItem.Urgency urgency(io.matterflow.calendar.Due due, Instant now) {
        if (due == null || due.at() == null) {
            return null;
        }
        if (due.at().isBefore(now)) {
            return InboxItem.Urgency.OVERDUE;
        }
        return due.at().isBefore(now.plus(DUE_SOON)) ? InboxItem.Urgency.DUE_SOON : null;
    }

    private static Collection<UUID> orNone(Set<UUID> ids) {
        return ids == null || ids.isEmpty() ? NONE : ids;
    }
}
