package io.matterflow.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;

import io.matterflow.support.H2Test;

/** Scheduling inside a Spring transaction commits or rolls back with it; the task's data is JSON. */
@H2Test
class SchedulerTransactionTests {

    record Data(UUID id, Instant at) {
    }

    static final TaskDescriptor<Data> TASK = TaskDescriptor.of("scheduler-transaction-test", Data.class);

    @Autowired
    SchedulerClient scheduler;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void removeTestTimers() {
        jdbc.update("delete from scheduled_tasks where task_name = ?", TASK.getTaskName());
    }

    @Test
    void shouldScheduleWithTheTransaction() {
        var transactions = new TransactionTemplate(transactionManager);
        String rolledBack = UUID.randomUUID().toString();
        transactions.executeWithoutResult(status -> {
            schedule(rolledBack);
            assertThat(exists(rolledBack)).isTrue(); // visible inside: the same connection
            status.setRollbackOnly();
        });
        assertThat(exists(rolledBack)).isFalse();

        String committed = UUID.randomUUID().toString();
        transactions.executeWithoutResult(status -> schedule(committed));
        assertThat(exists(committed)).isTrue();
        assertThat(new String(jdbc.queryForObject("select task_data from scheduled_tasks where task_instance = ?",
                byte[].class, committed))).startsWith("{\"id\":\"" + committed + "\"");
    }

    private void schedule(String id) {
        scheduler.schedule(TASK.instance(id).data(new Data(UUID.fromString(id), Instant.parse("2026-03-06T10:00:00Z")))
                .scheduledTo(Instant.parse("2099-01-01T00:00:00Z")));
    }

    private boolean exists(String id) {
        return jdbc.queryForObject("select count(*) from scheduled_tasks where task_name = ? and task_instance = ?",
                Integer.class, TASK.getTaskName(), id) > 0;
    }
}
