package io.matterflow.scheduler;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code matterflow.scheduler.*}.
 *
 * @param enabled         whether this node runs due executions; a node with {@code false} still schedules and
 *                        cancels them (for the others to run)
 * @param pollingInterval how often the node looks for due executions
 * @param threads         executions this node runs at once
 */
@ConfigurationProperties("matterflow.scheduler")
public record SchedulerProperties(Boolean enabled, Duration pollingInterval, Integer threads) {

    public SchedulerProperties {
        enabled = enabled == null || enabled;
        pollingInterval = pollingInterval == null ? Duration.ofSeconds(10) : pollingInterval;
        threads = threads == null ? 2 : threads;
        if (pollingInterval.isNegative() || pollingInterval.isZero()) {
            throw new IllegalArgumentException("matterflow.scheduler.polling-interval must be positive");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("matterflow.scheduler.threads must be at least 1");
        }
    }
}
