package io.matterflow.scheduler;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Deletes the rows of every {@link Prunable} older than its retention ({@link HousekeepingProperties}), in batches,
 * and counts them: {@code housekeeping.removed}, tagged by {@code kind}. Runs as the recurring task
 * {@value #TASK_NAME}, so on one node at a time. A kind that fails is logged and tried again at the next run; the
 * others still run.
 */
public class Housekeeping {

    public static final String TASK_NAME = "housekeeping";

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final List<Prunable> prunables;
    private final HousekeepingProperties properties;
    private final Clock clock;
    private final Map<PruneKind, Counter> removed = new EnumMap<>(PruneKind.class);

    Housekeeping(List<Prunable> prunables, HousekeepingProperties properties, Clock clock, MeterRegistry meters) {
        this.prunables = prunables;
        this.properties = properties;
        this.clock = clock;
        for (PruneKind kind : PruneKind.values()) {
            removed.put(kind, Counter.builder("housekeeping.removed").tag("kind", kind.tag())
                    .description("Rows deleted by housekeeping after their retention").register(meters));
        }
    }

    /** One run over every kind. Returns how many rows of each kind it deleted. */
    public Map<PruneKind, Integer> run() {
        Map<PruneKind, Integer> counts = new EnumMap<>(PruneKind.class);
        for (Prunable prunable : prunables) {
            PruneKind kind = prunable.kind();
            Instant cutoff = clock.instant().minus(properties.retention(kind));
            int total = 0;
            try {
                int deleted;
                do {
                    deleted = prunable.deleteBatch(cutoff, properties.batchSize());
                    total += deleted;
                    removed.get(kind).increment(deleted);
                } while (deleted >= properties.batchSize());
            } catch (RuntimeException e) {
                log.warn("Housekeeping of {} failed after deleting {}; the next run tries again", kind.tag(), total, e);
            }
            counts.merge(kind, total, Integer::sum);
            if (total > 0) {
                log.info("Housekeeping deleted {} {} finished before {}", total, kind.tag(), cutoff);
            }
        }
        return counts;
    }
}
