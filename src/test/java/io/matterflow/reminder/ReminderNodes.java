package io.matterflow.reminder;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.bean.override.convention.TestBean;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.Task;

import io.matterflow.directory.Directory;
import io.matterflow.instance.Instances;
import io.matterflow.instance.StepRuntime;
import io.matterflow.notification.Notifications;
import io.matterflow.support.MutableClock;
import io.matterflow.support.Workflows;

/**
 * What every reminder test needs: the application with a clock the test sets, its timers' tasks, and the
 * {@link ReminderScenario} over them; and the scenario each database must pass, each stage once across two scheduler
 * nodes and a restart.
 */
abstract class ReminderNodes {

    static final MutableClock CLOCK = new MutableClock();

    @TestBean
    Clock clock;

    static Clock clock() {
        return CLOCK;
    }

    @Autowired
    DataSource dataSource;
    @Autowired
    List<Task<?>> tasks;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Notifications notifications;
    @Autowired
    Directory directory;
    @Autowired
    Workflows workflows;
    @Autowired
    StepRuntime runtime;
    @Autowired
    Instances instances;
    @Autowired
    SchedulerClient scheduler;

    protected ReminderScenario scenario;

    @BeforeEach
    void scenario() {
        scenario = new ReminderScenario(CLOCK, dataSource, tasks, jdbc, notifications, directory, workflows, runtime,
                instances, scheduler);
    }

    @AfterEach
    void backToNow() {
        CLOCK.shift(Duration.ZERO);
    }

    @Test
    void shouldSendEveryStageOnceAcrossTwoNodesARestartAndARepeatedRun() {
        scenario.everyStageOnceAcrossTwoNodes();
    }
}
