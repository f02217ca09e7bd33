package io.matterflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.matterflow.support.EnabledIfPostgres;

/**
 * Restarting the nodes one after the other under load, as an operator does at noon: two Matterflow processes on one
 * PostgreSQL database with READY emails on (a real SMTP server, GreenMail, in this JVM), clients behind a retrying
 * load balancer ({@link DemoLoad#retrying()}: idempotency keys, a connection error sends the request to the other
 * node), and each node stopped with SIGTERM and started again while the load runs. No request fails, no step moves
 * twice, no notification is made twice and no email is sent twice. The figures go to docs/reliability.md.
 */
@EnabledIfPostgres
@Timeout(value = 6, unit = java.util.concurrent.TimeUnit.MINUTES)
class GracefulRestartTests {

    static String database;
    static GreenMail smtp;
    static AppProcess a;
    static AppProcess b;

    @BeforeAll
    static void start() {
        int port = AppProcess.freePort();
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        database = AppProcess.freshDatabase();
        List<String> mail = List.of("--spring.mail.host=127.0.0.1", "--spring.mail.port=" + port);
        a = AppProcess.start("restart-a", database, mail);
        b = AppProcess.start("restart-b", database, mail);
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.kill();
        }
        if (b != null) {
            b.kill();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void shouldLoseNoRequestAndDoNothingTwiceWhileEachNodeRestarts() throws Exception {
        var flag = a.put(DemoLoad.ADMIN, "/api/admin/feature-flags/workflow.ready-notifications.email",
                Map.of("enabled", true));
        assertThat(flag.status()).as("READY emails on: " + flag.body()).isEqualTo(200);
        var load = new DemoLoad(List.of(a, b), false).retrying();
        load.start(4);
        List<String> restarts = new ArrayList<>();
        AppProcess.sleep(5_000);
        for (AppProcess node : List.of(a, b)) {
            int before = load.requests.get();
            Duration stopping = node.stop();
            long started = System.nanoTime();
            node.launch();
            restarts.add(String.format("%s: stopped in %.1f s, up again in %.1f s, %d requests meanwhile",
                    node.name, stopping.toMillis() / 1000.0, (System.nanoTime() - started) / 1e9,
                    load.requests.get() - before));
            AppProcess.sleep(5_000);
        }
        load.stop();

        try (Connection c = AppProcess.connect(database)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            // emails due now; the throttle holds the rest back for a digest later (5 per person per 15 minutes)
            String due = "select count(*) from email_outbox where status = 'PENDING' and next_attempt_at <= now()";
            while (System.nanoTime() < deadline && (Consistency.count(c, due) > 0
                    || !Consistency.unfinishedPublications(c, "ReadyNotifier").isEmpty())) {
                AppProcess.sleep(250);
            }
            long sentMessages = Consistency.count(c,
                    "select count(distinct message_id) from email_outbox where status = 'SENT'");
            int received = smtp.getReceivedMessages().length;
            System.out.printf("graceful restarts: %s; %d requests, %d retried, %d failed, %d instances, %d completed;"
                            + " %d emails sent in %d messages, %d received, %d held for a digest%n", restarts,
                    load.requests.get(), load.retries.get(), load.failures.get(), load.instantiated.get(),
                    load.completed.get(), Consistency.count(c, "select count(*) from email_outbox where status = 'SENT'"),
                    sentMessages, received, Consistency.count(c,
                            "select count(*) from email_outbox where status = 'PENDING' and next_attempt_at > now()"));
            assertThat(load.failures.get()).as("failed requests").isZero();
            assertThat(load.completed.get()).as("workflows completed across the restarts").isGreaterThan(2);
            assertThat(Consistency.stepsMovedTwice(c)).as("steps that moved twice").isEmpty();
            assertThat(Consistency.duplicateNotifications(c)).as("notifications made twice").isEmpty();
            assertThat(Consistency.stepsAgreeWithAudit(c)).as("steps agree with their audit").isEmpty();
            assertThat(Consistency.count(c, due)).as("emails due and unsent").isZero();
            assertThat(received).as("emails received (each message once)").isEqualTo((int) sentMessages);
        }
    }
}
