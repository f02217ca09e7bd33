package io.matterflow.reminder;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.matterflow.action.ActionType;
import io.matterflow.instance.Deadlines;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * {@code workflow.steps.overdue}: open steps of active workflows past their due date, every firm, by action type.
 * One count query every 30 seconds on each node (each node's scrape must show it), never one per scrape. A type
 * once seen stays at 0 rather than vanishing, so a dashboard sees the count fall to nothing.
 */
@Component
class OverdueStepsMetric {

    static final String NAME = "workflow.steps.overdue";

    private final Deadlines deadlines;
    private final Clock clock;
    private final MultiGauge gauge;
    private final Set<String> seen = new TreeSet<>();

    OverdueStepsMetric(Deadlines deadlines, Clock clock, MeterRegistry registry) {
        this.deadlines = deadlines;
        this.clock = clock;
        this.gauge = MultiGauge.builder(NAME).description("Open steps of active workflows past their due date")
                .register(registry);
    }

    @Scheduled(fixedDelay = 30, timeUnit = TimeUnit.SECONDS)
    synchronized void refresh() {
        Map<ActionType, Long> counts = deadlines.overdueByType(clock.instant());
        counts.keySet().forEach(type -> seen.add(type.name()));
        gauge.register(seen.stream().map(type -> MultiGauge.Row.of(Tags.of("actionType", type),
                counts.entrySet().stream().filter(e -> e.getKey().name().equals(type)).mapToLong(Map.Entry::getValue)
                        .sum())).toList(), true);
    }
}
