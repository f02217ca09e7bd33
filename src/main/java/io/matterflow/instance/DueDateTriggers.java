package io.matterflow.instance;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.matterflow.action.ActionState;
import io.matterflow.calendar.CalendarChanged;
import io.matterflow.directory.Actor;
import io.matterflow.directory.MatterKeyDatesChanged;
import io.matterflow.instance.internal.InstanceEntity;
import io.matterflow.instance.internal.InstanceRepository;
import io.matterflow.instance.internal.InstanceStepRepository;

/**
 * Anchors that move outside a workflow: a matter's key date, the firm's calendar. Their events are published in the
 * transaction that changed them, and the dependent due dates are recomputed in it ({@link DueDates}), so the change
 * and its consequences commit together or not at all.
 */
@Component
class DueDateTriggers {

    private static final Set<WorkflowStatus> RUNNING = EnumSet.of(WorkflowStatus.DRAFT, WorkflowStatus.ACTIVE,
            WorkflowStatus.PAUSED);
    private static final Set<ActionState> DONE = EnumSet.of(ActionState.COMPLETED, ActionState.SKIPPED);

    private final InstanceRepository instances;
    private final InstanceStepRepository steps;
    private final DueDates dueDates;
    private final Clock clock;

    DueDateTriggers(InstanceRepository instances, InstanceStepRepository steps, DueDates dueDates, Clock clock) {
        this.instances = instances;
        this.steps = steps;
        this.dueDates = dueDates;
        this.clock = clock;
    }

    @EventListener
    void on(MatterKeyDatesChanged event) {
        String cause = "the matter's key dates changed (" + String.join(", ", event.names().stream().sorted().toList())
                + ")";
        for (InstanceEntity instance : instances.findByOrgIdAndMatterIdAndStatusInOrderByCreatedAtAscIdAsc(
                event.orgId(), event.matterId(), RUNNING)) {
            refresh(instance, cause);
        }
    }

    @EventListener
    void on(CalendarChanged event) {
        String cause = "the firm's calendar changed (" + event.change() + ")";
        List<UUID> ids = steps.findInstancesWithDueRules(event.orgId(), DONE, RUNNING);
        instances.findAllById(ids).forEach(instance -> refresh(instance, cause));
    }

    private void refresh(InstanceEntity instance, String cause) {
        dueDates.refresh(instance, steps.findSteps(instance.id()), Actor.system(instance.orgId()), cause);
        instance.touch(clock.instant());
    }
}
