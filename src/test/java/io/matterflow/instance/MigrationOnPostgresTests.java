package io.matterflow.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.matterflow.MatterflowApplication;
import io.matterflow.support.PostgresDatabase;
import io.matterflow.support.PostgresTest;
import io.matterflow.support.SchedulerNodes;

@PostgresTest
class MigrationOnPostgresTests extends MigrationScenarios {

    /**
     * A second node takes the migration and is shut down while the third instance's transaction is open: that
     * transaction goes with its connection, the two before it stay migrated, and the migration's task, run here a
     * minute later, migrates the rest, each instance once.
     */
    @Test
    void shouldFinishHereAMigrationWhoseNodeWasShutDownMidRun() throws Exception {
        var template = workflows.published(firm, lawyer("Intake", true), lawyer("Dropped", false));
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(workflows.instantiate(firm, template.id(), "Run " + i).id());
        }
        publish(template, lawyer("Intake", true), lawyer("Added", true));
        Map<String, Object> thirdBefore = snapshot(ids.get(2));

        ConfigurableApplicationContext otherNode = new SpringApplicationBuilder(MatterflowApplication.class)
                .profiles("test")
                .run("--spring.datasource.url=" + PostgresDatabase.url(),
                        "--spring.datasource.username=" + PostgresDatabase.user(),
                        "--spring.datasource.password=" + PostgresDatabase.password(),
                        "--server.port=0", "--matterflow.demo.seed=NEVER");
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<MigrationReport> run;
        try {
            Migrations there = otherNode.getBean(Migrations.class);
            there.beforeCommit = id -> {
                if (id.equals(ids.get(2))) {
                    inside.countDown();
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
            run = CompletableFuture.supplyAsync(() -> there.migrate(admin, template.id(),
                    new Migrations.Request(1, 2, null, false)));
            assertThat(inside.await(60, TimeUnit.SECONDS)).as("the other node reached the third instance").isTrue();
        } finally {
            // the node goes away with the third instance's transaction open
            CompletableFuture<Void> closing = CompletableFuture.runAsync(otherNode::close);
            Thread.sleep(500);
            release.countDown();
            closing.get(60, TimeUnit.SECONDS);
        }
        assertThatThrownBy(() -> run.get(60, TimeUnit.SECONDS)).as("the other node's run did not finish");

        UUID migrationId = jdbc.queryForObject("select id from template_migrations where template_id = ?", UUID.class,
                template.id());
        assertThat(jdbc.queryForList("select status from template_migration_items where migration_id = ?"
                + " order by position", String.class, migrationId))
                .containsExactly("MIGRATED", "MIGRATED", "PENDING", "PENDING");
        assertThat(snapshot(ids.get(2))).as("the instance in flight is untouched").isEqualTo(thirdBefore);

        Clock later = Clock.offset(Clock.systemUTC(), Migrations.SAFETY_NET.plus(Duration.ofMinutes(1)));
        SchedulerNodes.node(dataSource, tasks, later).runAnyDueExecutions();

        var report = migrations.get(admin, template.id(), migrationId);
        assertThat(report.status()).isEqualTo("DONE");
        assertThat(report.items()).extracting(MigrationReport.Item::status).containsOnly("MIGRATED");
        for (UUID id : ids) {
            assertThat(migrateEvents(id)).as("instance %s migrated once", id).isEqualTo(1);
            assertThat(states(id)).containsExactly("Intake READY", "Added PENDING");
        }
    }
}
