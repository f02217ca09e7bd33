package io.matterflow.reminder;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

/**
 * The reminder timer. A run that fails (the database was away, a concurrent change of the instance's audit stream
 * won) is tried again after 30 seconds, doubling, up to 10 times; {@code step_reminders} keeps a retry from telling
 * anyone twice.
 */
@Configuration(proxyBeanMethods = false)
class ReminderTaskConfiguration {

    static final int MAX_ATTEMPTS = 10;

    @Bean
    OneTimeTask<ReminderTask> reminderTask(Reminders reminders) {
        return Tasks.oneTime(ReminderTask.TASK)
                .onFailure(new FailureHandler.MaxRetriesFailureHandler<>(MAX_ATTEMPTS,
                        new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(30))))
                .execute((instance, context) -> reminders.run(instance.getData()));
    }
}
