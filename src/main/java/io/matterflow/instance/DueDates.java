package io.matterflow.instance;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import io.matterflow.action.ActionState;
import io.matterflow.audit.AuditLog;
import io.matterflow.audit.AuditRecord;
import io.matterflow.calendar.AnchorPoint;
import io.matterflow.calendar.BusinessCalendars;
import io.matterflow.calendar.Due;
import io.matterflow.calendar.DueAnchor;
import io.matterflow.calendar.DueCalculator;
import io.matterflow.calendar.DueRule;
import io.matterflow.calendar.FirmCalendar;
import io.matterflow.directory.Actor;
import io.matterflow.directory.MatterKeyDates;
import io.matterflow.instance.internal.InstanceEntity;
import io.matterflow.instance.internal.InstanceStepEntity;

/**
 * Keeps the due dates of an instance's open steps true to their rules, in the transaction of whatever moved an
 * anchor: a step became READY or completed, the instance started, a key date or the firm's calendar changed, a rule
 * was edited. Each date that changes (or is computed for the first time) is recorded as a {@code step.due} audit
 * event with its explanation and announced ({@link StepDueChanged}). Dates set by hand, and those of steps that are
 * done (COMPLETED, SKIPPED) or of instances that ended, stay as they are.
 */
@Component
class DueDates {

    static final String DUE_ACTION = "step.due";

    private final BusinessCalendars calendars;
    private final MatterKeyDates keyDates;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    DueDates(BusinessCalendars calendars, MatterKeyDates keyDates, AuditLog audit, ApplicationEventPublisher events) {
        this.calendars = calendars;
        this.keyDates = keyDates;
        this.audit = audit;
        this.events = events;
    }

    /** Recomputes the steps' due dates; {@code cause} says in the audit what moved ("step completed", "calendar changed"). */
    void refresh(InstanceEntity instance, List<InstanceStepEntity> steps, Actor actor, String cause) {
        if (instance.status().isFinal()) {
            return;
        }
        List<InstanceStepEntity> ruled = steps.stream().filter(DueDates::computed).toList();
        if (ruled.isEmpty()) {
            return;
        }
        FirmCalendar calendar = calendars.of(instance.orgId());
        SortedMap<String, java.time.LocalDate> dates = ruled.stream()
                .anyMatch(s -> s.dueRule().anchor() == DueAnchor.KEY_DATE)
                ? keyDates.of(instance.orgId(), instance.matterId()) : null;
        Map<UUID, InstanceStepEntity> byId = steps.stream()
                .collect(Collectors.toMap(InstanceStepEntity::id, Function.identity()));
        for (InstanceStepEntity step : ruled) {
            Due due = DueCalculator.compute(step.dueRule(), anchor(step, instance, byId, dates), calendar);
            set(instance, step, due, actor, cause);
        }
    }

    /** What the step's rule gives now (null without a rule), whatever is set on the step. */
    Due byRule(InstanceEntity instance, List<InstanceStepEntity> steps, InstanceStepEntity step) {
        if (step.dueRule() == null) {
            return null;
        }
        SortedMap<String, java.time.LocalDate> dates = step.dueRule().anchor() == DueAnchor.KEY_DATE
                ? keyDates.of(instance.orgId(), instance.matterId()) : null;
        Map<UUID, InstanceStepEntity> byId = steps.stream()
                .collect(Collectors.toMap(InstanceStepEntity::id, Function.identity()));
        return DueCalculator.compute(step.dueRule(), anchor(step, instance, byId, dates), calendars.of(instance.orgId()));
    }

    /** Clears the due date of a step whose rule was removed (unless set by hand). */
    void clear(InstanceEntity instance, InstanceStepEntity step, Actor actor, String cause) {
        if (step.due() != null && step.due().override() == null) {
            set(instance, step, null, actor, cause);
        }
    }

    /**
     * Records {@code due} on the step when it tells something new: a different date, anchor or explanation. A
     * computation that differs only in the calendar version it used (a holiday far away was added) is kept
     * without an audit event or announcement: nothing a person would see moved.
     */
    void set(InstanceEntity instance, InstanceStepEntity step, Due due, Actor actor, String cause) {
        Due previous = step.due();
        if (Objects.equals(previous, due)) {
            return;
        }
        step.due(due);
        if (previous != null && due != null && sameToReaders(previous, due)) {
            return;
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("title", step.title());
        metadata.put("cause", cause);
        metadata.put("at", due == null || due.at() == null ? null : due.at().toString());
        metadata.put("previousAt", previous == null || previous.at() == null ? null : previous.at().toString());
        if (due != null) {
            metadata.put("explanation", due.explanation());
            if (due.rule() != null) {
                metadata.put("rule", due.rule().describe() + " " + due.anchor().label());
            }
            if (due.calendarVersion() != null) {
                metadata.put("calendarVersion", due.calendarVersion());
            }
            if (due.override() != null) {
                metadata.put("reason", due.override().reason());
            }
        }
        var recorded = audit.append(new AuditRecord(instance.orgId(), instance.id(), actor, DUE_ACTION, "STEP",
                step.id(), null, null, metadata));
        Instant previousAt = previous == null ? null : previous.at();
        events.publishEvent(new StepDueChanged(step.id(), instance.id(), instance.matterId(), instance.orgId(),
                step.actionType(), step.title(), instance.title(), previousAt, due == null ? null : due.at(),
                previousAt != null, due == null ? null : due.explanation(), recorded.id()));
    }

    private static boolean sameToReaders(Due a, Due b) {
        return Objects.equals(a.at(), b.at()) && Objects.equals(a.explanation(), b.explanation())
                && Objects.equals(a.anchor(), b.anchor()) && Objects.equals(a.override(), b.override());
    }

    /** A step whose date its rule decides now: it has a rule, no date set by hand, and is not done. */
    private static boolean computed(InstanceStepEntity step) {
        return step.dueRule() != null && (step.due() == null || step.due().override() == null)
                && step.state() != ActionState.COMPLETED && step.state() != ActionState.SKIPPED;
    }

    static AnchorPoint anchor(InstanceStepEntity step, InstanceEntity instance, Map<UUID, InstanceStepEntity> steps,
                              SortedMap<String, java.time.LocalDate> keyDates) {
        DueRule rule = step.dueRule();
        return switch (rule.anchor()) {
            case INSTANCE_START -> new AnchorPoint(DueAnchor.INSTANCE_START, null, null, "the workflow started",
                    instance.startedAt(), null);
            case STEP_READY -> new AnchorPoint(DueAnchor.STEP_READY, null, null, "the step became ready",
                    step.readyAt(), null);
            case STEP_COMPLETED -> {
                InstanceStepEntity other = rule.stepId() == null ? null : steps.get(rule.stepId());
                if (other == null) {
                    yield new AnchorPoint(DueAnchor.STEP_COMPLETED, rule.stepId(), null,
                            "a step that was removed completed", null, null);
                }
                yield new AnchorPoint(DueAnchor.STEP_COMPLETED, other.id(), null,
                        "\u201c" + other.title() + "\u201d completed",
                        other.state() == ActionState.COMPLETED ? other.completedAt() : null, null);
            }
            case KEY_DATE -> new AnchorPoint(DueAnchor.KEY_DATE, null, rule.keyDate(),
                    "the key date \u201c" + rule.keyDate() + "\u201d",
                    null, keyDates == null ? null : keyDates.get(rule.keyDate()));
        };
    }
}
