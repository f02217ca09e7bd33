package io.matterflow.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * A node that runs timers puts the housekeeping task in {@code scheduled_tasks} once (whichever node starts first),
 * runs it, and schedules the next run an interval later. On a database of its own, as a running scheduler would
 * otherwise run the timers of the tests sharing the embedded one.
 */
@SpringBootTest(properties = {"matterflow.scheduler.enabled=true", "matterflow.scheduler.polling-interval=100ms",
        "spring.datasource.url=jdbc:h2:mem:running-housekeeping;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"})
@ActiveProfiles("test")
class RunningHousekeepingTests {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void shouldScheduleHousekeepingOnceAndRunIt() {
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from scheduled_tasks where task_name = ? and last_success is not null",
                Integer.class, Housekeeping.TASK_NAME) == 1);
        assertThat(jdbc.queryForObject("select count(*) from scheduled_tasks where task_name = ?", Integer.class,
                Housekeeping.TASK_NAME)).isOne();
        assertThat(jdbc.queryForObject("select count(*) from scheduled_tasks where task_name = ?"
                + " and execution_time > last_success + interval '50' minute", Integer.class,
                Housekeeping.TASK_NAME)).isOne();
    }
}
