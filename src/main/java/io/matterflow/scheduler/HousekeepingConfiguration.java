package io.matterflow.scheduler;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Housekeeping as a recurring db-scheduler task: one execution in {@code scheduled_tasks}, picked by one node at a
 * time, next due {@code matterflow.housekeeping.interval} after the last run ended.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HousekeepingProperties.class)
class HousekeepingConfiguration {

    @Bean
    Housekeeping housekeeping(ObjectProvider<Prunable> prunables, HousekeepingProperties properties, Clock clock,
                              MeterRegistry meters) {
        return new Housekeeping(prunables.orderedStream().toList(), properties, clock, meters);
    }

    @Bean
    RecurringTask<Void> housekeepingTask(Housekeeping housekeeping, HousekeepingProperties properties) {
        return Tasks.recurring(Housekeeping.TASK_NAME, Schedules.fixedDelay(properties.interval()))
                .execute((instance, context) -> housekeeping.run());
    }
}
