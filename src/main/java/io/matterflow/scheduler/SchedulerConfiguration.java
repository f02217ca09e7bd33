package io.matterflow.scheduler;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;

/**
 * The one {@link Scheduler} of this node, over every {@link Task} bean. Its connections come through a
 * {@link TransactionAwareDataSourceProxy}: inside a Spring transaction, scheduling and cancelling use that
 * transaction's connection and commit or roll back with it; elsewhere (polling, running executions) they take a
 * connection of their own. db-scheduler never commits a connection it did not open (its
 * {@code commitWhenAutocommitDisabled} stays off). The bean is a client at once; {@link SchedulerLifecycle} decides
 * whether this node also runs due executions. Recurring tasks (housekeeping) are scheduled when a node starts running
 * executions, once in the table whichever node starts first.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SchedulerProperties.class)
class SchedulerConfiguration {

    /** How long a stopping node waits for the executions it is running; after that they are left to heartbeats. */
    static final Duration SHUTDOWN_MAX_WAIT = Duration.ofSeconds(30);

    @Bean(destroyMethod = "")
    Scheduler scheduler(DataSource dataSource, ObjectProvider<Task<?>> tasks, Clock clock,
                        SchedulerProperties properties) {
        return build(dataSource, tasks.orderedStream().toList(), clock, properties);
    }

    @Bean
    SchedulerLifecycle schedulerLifecycle(Scheduler scheduler, SchedulerProperties properties) {
        return new SchedulerLifecycle(scheduler, properties.enabled());
    }

    /** A scheduler as this application builds it: also for tests that run several on one database. */
    static Scheduler build(DataSource dataSource, List<Task<?>> tasks, Clock clock, SchedulerProperties properties) {
        List<RecurringTask<?>> recurring = tasks.stream().filter(RecurringTask.class::isInstance)
                .<RecurringTask<?>>map(RecurringTask.class::cast).toList();
        List<Task<?>> others = tasks.stream().filter(task -> !(task instanceof RecurringTask)).toList();
        // db-scheduler adds its start tasks to the known ones itself
        return new ApplicationSchedulerBuilder(dataSource, others, clock)
                .startTasks(recurring)
                .serializer(new JsonTaskSerializer())
                .threads(properties.threads())
                .pollingInterval(properties.pollingInterval())
                .shutdownMaxWait(SHUTDOWN_MAX_WAIT)
                .build();
    }

    /** db-scheduler reads the time through its own {@code Clock}; the builder offers it only as a protected field. */
    private static final class ApplicationSchedulerBuilder extends SchedulerBuilder {

        ApplicationSchedulerBuilder(DataSource dataSource, List<Task<?>> tasks, Clock clock) {
            super(dataSource instanceof TransactionAwareDataSourceProxy ? dataSource
                    : new TransactionAwareDataSourceProxy(dataSource), tasks);
            this.clock = clock::instant;
        }
    }
}
