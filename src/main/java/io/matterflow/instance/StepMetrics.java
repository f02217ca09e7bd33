package io.matterflow.instance;

import java.time.Duration;

import org.springframework.stereotype.Component;

import io.matterflow.action.ActionEvent;
import io.matterflow.action.ActionState;
import io.matterflow.action.ActionType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Step metrics, recorded after the transition commits: {@code workflow.steps.completed|failed|skipped} and
 * {@code workflow.step.transitions} counters and the {@code workflow.step.cycle.time} histogram (startedAt to
 * completedAt), all tagged {@code actionType}.
 */
@Component
class StepMetrics {

    private final MeterRegistry registry;

    StepMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(Moved moved) {
        Counter.builder("workflow.step.transitions")
                .description("Step transitions by event")
                .tag("actionType", moved.type().name())
                .tag("event", moved.event().route())
                .register(registry).increment();
        String outcome = switch (moved.to()) {
            case COMPLETED -> "completed";
            case FAILED -> "failed";
            case SKIPPED -> "skipped";
            default -> null;
        };
        if (outcome != null && moved.from() != moved.to()) {
            Counter.builder("workflow.steps." + outcome)
                    .description("Steps that ended " + outcome)
                    .tag("actionType", moved.type().name())
                    .register(registry).increment();
        }
        if (moved.lateness() != null) {
            Counter.builder("workflow.steps.completed.late")
                    .description("Steps completed after their due date")
                    .tag("actionType", moved.type().name())
                    .register(registry).increment();
            Timer.builder("workflow.step.lateness")
                    .description("How long after its due date a late step completed")
                    .tag("actionType", moved.type().name())
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMinutes(1))
                    .maximumExpectedValue(Duration.ofDays(90))
                    .register(registry).record(moved.lateness());
        }
        if (moved.to() == ActionState.COMPLETED && moved.cycleTime() != null) {
            Timer.builder("workflow.step.cycle.time")
                    .description("Time from a step's start to its completion")
                    .tag("actionType", moved.type().name())
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofSeconds(1))
                    .maximumExpectedValue(Duration.ofDays(30))
                    .register(registry).record(moved.cycleTime());
        }
    }

    /** {@code lateness}: how long after its due date the step completed; null unless it completed late now. */
    record Moved(ActionType type, ActionEvent event, ActionState from, ActionState to, Duration cycleTime,
                 Duration lateness) {
    }
}
