package io.matterflow.support;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.testhelper.ManualScheduler;
import com.github.kagkarlsson.scheduler.testhelper.SettableClock;
import com.github.kagkarlsson.scheduler.testhelper.TestHelper;
import com.github.kagkarlsson.scheduler.task.Task;

import io.matterflow.scheduler.JsonTaskSerializer;

/**
 * Scheduler nodes a test drives by hand ({@link ManualScheduler#runAnyDueExecutions()} runs what is due, on the
 * calling thread), over the application's database, tasks, task serialization and clock: several of them are
 * several nodes; a new one after another is a restart. The application's own scheduler stays off in tests
 * ({@code matterflow.scheduler.enabled=false}).
 */
public final class SchedulerNodes {

    private SchedulerNodes() {
    }

    public static ManualScheduler node(DataSource dataSource, List<Task<?>> tasks, Clock clock) {
        var builder = TestHelper.createManualScheduler(dataSource, tasks).clock(new SettableClock() {
            @Override
            public Instant now() {
                return clock.instant();
            }
        });
        builder.serializer(new JsonTaskSerializer());
        return builder.build();
    }
}
