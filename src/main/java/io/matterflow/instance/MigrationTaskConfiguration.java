package io.matterflow.instance;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

/**
 * The migration task (its service is looked up when it runs: the service schedules through the scheduler that runs
 * this task). The migration task: a run that fails (the database was away) is tried again after 30 seconds, doubling, 10 times. */
@Configuration(proxyBeanMethods = false)
class MigrationTaskConfiguration {

    static final int MAX_ATTEMPTS = 10;

    @Bean
    OneTimeTask<MigrationTask> migrationTask(ObjectProvider<Migrations> migrations) {
        return Tasks.oneTime(MigrationTask.TASK)
                .onFailure(new FailureHandler.MaxRetriesFailureHandler<>(MAX_ATTEMPTS,
                        new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(30))))
                .execute((instance, context) -> migrations.getObject().resume(instance.getData().migrationId()));
    }
}
