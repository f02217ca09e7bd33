package io.matterflow.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import io.matterflow.directory.Actor;
import io.matterflow.directory.Directory;
import io.matterflow.people.People;
import io.matterflow.support.EnabledIfPostgres;
import io.matterflow.support.PostgresDatabase;
import io.matterflow.support.ProdNode;
import io.matterflow.support.TestFirm;

/**
 * UI sessions on several nodes: two applications on one fresh PostgreSQL database, as in production (the prod
 * profile). A session signed in on one node is signed in on the other and after the first restarts; ending a
 * person's sessions on one node (deactivation, "sign out everywhere") ends them on the other; the scheduler's task
 * deletes expired sessions.
 */
@EnabledIfPostgres
class SessionsAcrossNodesTests {

    private final String key = "sessions-test-key-" + UUID.randomUUID();

    @Test
    void shouldKeepASessionOnEveryNodeAndAcrossARestartAndEndItEverywhere() throws Exception {
        String database = PostgresDatabase.fresh();
        ProdNode a = start(database);
        try (ProdNode b = start(database)) {
            TestFirm firm = TestFirm.create(a.bean(Directory.class));
            String owner = a.signIn(firm.owner().email());
            assertThat(a.get("/inbox", owner).statusCode()).isEqualTo(200);
            assertThat(b.get("/inbox", owner).statusCode()).as("signed in on the other node").isEqualTo(200);

            a.close();
            a = start(database);
            assertThat(a.get("/inbox", owner).statusCode()).as("signed in after a restart").isEqualTo(200);

            // deactivated on node A: the session ends on node B
            String associate = b.signIn(firm.associate().email());
            assertThat(b.get("/inbox", associate).statusCode()).isEqualTo(200);
            a.bean(People.class).update(Actor.user(firm.admin()), firm.associate().id(), null, false);
            HttpResponse<String> ended = b.get("/inbox", associate);
            assertThat(ended.statusCode()).isEqualTo(302);
            assertThat(ended.headers().firstValue("Location").orElseThrow()).endsWith("/login?ended");

            // sign out everywhere, asked on node B: the owner's sessions end on both nodes, that one too
            String other = a.signIn(firm.owner().email());
            HttpResponse<String> account = b.get("/account", owner);
            HttpResponse<String> out = b.post("/account/sessions/end", owner, "_csrf", ProdNode.csrf(account));
            assertThat(out.statusCode()).isEqualTo(302);
            assertThat(out.headers().firstValue("Location").orElseThrow()).endsWith("/login?ended");
            assertThat(a.get("/inbox", other).headers().firstValue("Location").orElseThrow())
                    .endsWith("/login?ended");
            assertThat(b.get("/inbox", owner).headers().firstValue("Location").orElseThrow()).contains("/login");
            assertThat(b.query("select count(*) from audit_events where action = 'user.sign-out-everywhere'"))
                    .isEqualTo("1");

            // an expired session is deleted by the scheduler's task, run by one of the nodes
            String paralegal = a.signIn(firm.paralegal().email());
            assertThat(b.get("/inbox", paralegal).statusCode()).isEqualTo(200);
            assertThat(b.query("select count(*) from scheduled_tasks where task_name = ?",
                    SessionsConfiguration.PRUNE_TASK)).isEqualTo("1");
            b.bean(JdbcTemplate.class).update("update spring_session set expiry_time = 0 where principal_name = ?",
                    firm.paralegal().id().toString());
            await().atMost(Duration.ofSeconds(30)).until(() -> b.query(
                    "select count(*) from spring_session where principal_name = ?", firm.paralegal().id().toString())
                    .equals("0"));
            assertThat(b.get("/inbox", paralegal).statusCode()).isEqualTo(302);
        } finally {
            a.close();
        }
    }

    private ProdNode start(String database) {
        return ProdNode.start(database, key, "matterflow.sessions.prune-interval=1s");
    }
}
