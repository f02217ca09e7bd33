package io.matterflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.matterflow.support.EnabledIfPostgres;

/**
 * Matterflow as a separate process on PostgreSQL, under workflow load through the API, killed with SIGKILL while
 * requests are in flight and started again on the same database: nothing committed is lost or half-done.
 */
@EnabledIfPostgres
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class CrashRecoveryTests {

    static String database;
    static AppProcess node;

    @BeforeAll
    static void start() {
        database = AppProcess.freshDatabase();
        node = AppProcess.start("crash-node", database);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.kill();
        }
    }

    @Test
    void shouldLoseNothingWhenKilledMidFlight() throws Exception {
        var load = new DemoLoad(List.of(node), false);
        load.start(6);
        long minimum = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        long latest = minimum + Duration.ofSeconds(20).toNanos();
        long unfinished;
        long unfinishedNotifier;
        int inFlight;
        try (Connection c = AppProcess.connect(database)) {
            // Kill once the load has run a while, with requests in flight. READY notifications are written in their
            // transition's transaction; what is still delivered after commit (assignments, releases) waits in the
            // event publication registry, and a restart resubmits it.
            while (System.nanoTime() < minimum || load.completed.get() < 3) {
                assertThat(System.nanoTime()).as("three workflows completed before the kill").isLessThan(latest);
                AppProcess.sleep(100);
            }
            inFlight = load.inFlight.get();
            node.kill();
            unfinished = Consistency.count(c, "select count(*) from event_publication where completion_date is null");
            unfinishedNotifier = Consistency.unfinishedPublications(c, "ReadyNotifier").size();
        }
        int requestsBefore = load.requests.get();
        int instantiated = load.instantiated.get();
        int completed = load.completed.get();
        load.stop();
        System.out.printf("crash: SIGKILL with %d requests in flight%n", inFlight);

        node.launch();

        try (Connection c = AppProcess.connect(database)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
            while (!Consistency.unfinishedPublications(c, "ReadyNotifier").isEmpty() && System.nanoTime() < deadline) {
                AppProcess.sleep(200);
            }
            System.out.printf("crash: %d requests, %d instances, %d completed before SIGKILL; %d unfinished"
                    + " publications at the kill (%d of them READY notifications); %d READY events, %d notifications after the restart%n",
                    requestsBefore, instantiated, completed, unfinished, unfinishedNotifier,
                    Consistency.count(c, "select count(*) from audit_events where action = 'step.ready'"),
                    Consistency.count(c, "select count(*) from notifications"));
            assertThat(Consistency.unfinishedPublications(c, "ReadyNotifier")).as("notifier publications left").isEmpty();
            assertThat(Consistency.stepsAgreeWithAudit(c)).as("steps whose state is not their last audit's").isEmpty();
            assertThat(Consistency.instancesAgreeWithSteps(c)).as("instances disagreeing with their steps").isEmpty();
            assertThat(Consistency.readyEventsWithoutNotification(c)).as("READY events never notified").isEmpty();
            assertThat(Consistency.duplicateNotifications(c)).as("notifications delivered twice").isEmpty();
            assertThat(Consistency.stepsMovedTwice(c)).as("steps that moved twice").isEmpty();
            assertThat(Consistency.count(c, "select count(*) from workflow_instances")).isGreaterThanOrEqualTo(3);
        }
        var verify = node.get(DemoLoad.ADMIN, "/api/audit/verify");
        assertThat(verify.status()).isEqualTo(200);
        assertThat(verify.body().path("valid").asBoolean()).as(verify.body().toString()).isTrue();

        // and it still works: one more workflow from start to end on the restarted node
        assertThat(new DemoLoad(List.of(node), false).runOnce()).isTrue();
    }
}
