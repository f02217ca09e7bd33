package io.matterflow.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import io.matterflow.common.EpochMicros;
import io.matterflow.directory.Directory;
import io.matterflow.scheduler.Housekeeping;
import io.matterflow.scheduler.PruneKind;
import io.matterflow.support.EnabledIfPostgres;
import io.matterflow.support.PostgresDatabase;
import io.matterflow.support.ProdNode;
import io.matterflow.support.TestFirm;

/**
 * Sign-in and password-reset limits on several nodes: two applications on one fresh PostgreSQL database, as in
 * production. Failures on either node count against the same per-email lockout and the same per-address budget, the
 * counts survive a restart, the reset-request limits are shared alike, and housekeeping deletes the rows once they
 * can refuse nothing.
 */
@EnabledIfPostgres
class SignInLimitsAcrossNodesTests {

    private final String key = "limits-test-key-" + UUID.randomUUID();

    @Test
    void shouldCountFailuresOfEveryNodeAgainstOneLimitAndKeepThemAcrossARestart() throws Exception {
        String database = PostgresDatabase.fresh();
        ProdNode a = start(database);
        try (ProdNode b = start(database)) {
            TestFirm firm = TestFirm.create(a.bean(Directory.class));
            String email = firm.associate().email();

            // five failures for one email, three on node A and two on node B: locked on both
            for (ProdNode node : new ProdNode[] {a, a, a, b, b}) {
                assertThat(location(node.submitLogin(email, "wrong"))).endsWith("/login?error");
            }
            assertThat(location(a.submitLogin(email, ProdNode.PASSWORD))).as("locked on A").endsWith("/login?locked");
            assertThat(location(b.submitLogin(email, ProdNode.PASSWORD))).as("locked on B").endsWith("/login?locked");

            a.close();
            a = start(database);
            assertThat(location(a.submitLogin(email, ProdNode.PASSWORD))).as("still locked after a restart")
                    .endsWith("/login?locked");
            assertThat(location(a.submitLogin(firm.owner().email(), ProdNode.PASSWORD)))
                    .as("other emails are not affected").endsWith("/inbox");

            // the address's budget (6 failed checks here): five spent above, one more on B, then refused on A even
            // for a right password, before its check
            assertThat(location(b.submitLogin("nobody-" + email, "wrong"))).endsWith("/login?error");
            HttpResponse<String> refused = a.submitLogin(firm.paralegal().email(), ProdNode.PASSWORD);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(b.submitLogin(firm.paralegal().email(), ProdNode.PASSWORD).statusCode()).isEqualTo(429);

            // reset requests: two emails at most per email (the third, on A, is not sent), four per address
            for (ProdNode node : new ProdNode[] {a, b, a}) {
                assertThat(forgot(node, firm.owner().email()).statusCode()).isEqualTo(200);
            }
            assertThat(b.query("select count(*) from email_outbox where recipient_id = ? and kind ="
                    + " 'ACCOUNT_PASSWORD_RESET'", firm.owner().id())).isEqualTo("2");
            assertThat(forgot(b, "nobody-" + firm.owner().email()).statusCode()).isEqualTo(200);
            HttpResponse<String> tooMany = forgot(a, firm.admin().email());
            assertThat(tooMany.statusCode()).isEqualTo(429);
            assertThat(tooMany.headers().firstValue("Retry-After")).isPresent();

            // housekeeping deletes nothing that still refuses; once the limits have passed, every row
            Housekeeping housekeeping = b.bean(Housekeeping.class);
            assertThat(housekeeping.run()).containsEntry(PruneKind.RATE_LIMITS, 0);
            JdbcTemplate jdbc = b.bean(JdbcTemplate.class);
            long past = EpochMicros.of(Instant.now()) - 1;
            jdbc.update("update rate_limit_budgets set forget_at = ?", past);
            jdbc.update("update sign_in_failures set forget_at = ?", past);
            Map<PruneKind, Integer> removed = housekeeping.run();
            // the address's sign-in and reset budgets, two emails' reset budgets; two emails' failures
            assertThat(removed.get(PruneKind.RATE_LIMITS)).isEqualTo(4 + 2);
            assertThat(b.query("select count(*) from rate_limit_budgets")).isEqualTo("0");
            assertThat(b.query("select count(*) from sign_in_failures")).isEqualTo("0");
        } finally {
            a.close();
        }
    }

    private static HttpResponse<String> forgot(ProdNode node, String email) throws Exception {
        return node.submitForm("/password/forgot", "/password/forgot", "email", email);
    }

    private static String location(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        return response.headers().firstValue("Location").orElseThrow();
    }

    private ProdNode start(String database) {
        return ProdNode.start(database, key, "matterflow.security.login.per-address.max-failures=6",
                "matterflow.people.reset-requests.per-email=2", "matterflow.people.reset-requests.per-address=4");
    }
}
