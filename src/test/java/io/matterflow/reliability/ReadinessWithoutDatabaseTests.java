package io.matterflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.matterflow.MatterflowApplication;
import io.matterflow.support.EnabledIfPostgres;
import io.matterflow.support.PostgresDatabase;

/**
 * Readiness goes DOWN (503) while the database refuses connections, and liveness stays UP; both come back with it.
 * A mail server that takes no connection (a closed port here) changes neither.
 */
@EnabledIfPostgres
@Timeout(180)
class ReadinessWithoutDatabaseTests {

    @Test
    void shouldRefuseTrafficWhileTheDatabaseIsAwayButNotForTheMailServer() throws Exception {
        String database = PostgresDatabase.fresh();
        String name = database.substring(database.lastIndexOf('/') + 1);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(MatterflowApplication.class)
                .profiles("test").run(List.of("server.port=0", "spring.datasource.url=" + database,
                        "spring.datasource.username=" + PostgresDatabase.user(),
                        "spring.datasource.password=" + PostgresDatabase.password(),
                        "spring.datasource.hikari.connection-timeout=1000", "matterflow.demo.seed=NEVER",
                        "spring.mail.host=127.0.0.1", "spring.mail.port=1").stream().map(p -> "--" + p)
                        .toArray(String[]::new))) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            assertThat(status(port, "/actuator/health/readiness")).isEqualTo(200);
            assertThat(status(port, "/actuator/health")).isEqualTo(200);

            admin("alter database " + name + " allow_connections false");
            admin("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + name + "'");
            assertThat(status(port, "/actuator/health/readiness")).isEqualTo(503);
            assertThat(status(port, "/actuator/health/liveness")).isEqualTo(200);

            admin("alter database " + name + " allow_connections true");
            // as a readiness probe does, asks again until the pool has connected anew (within seconds)
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(15).toNanos();
            int ready = status(port, "/actuator/health/readiness");
            while (ready != 200 && System.nanoTime() < deadline) {
                Thread.sleep(250);
                ready = status(port, "/actuator/health/readiness");
            }
            assertThat(ready).isEqualTo(200);
        } finally {
            admin("alter database " + name + " allow_connections true");
            admin("drop database if exists " + name + " with (force)");
        }
    }

    private static int status(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void admin(String sql) {
        try (Connection c = DriverManager.getConnection(PostgresDatabase.server() + "postgres",
                PostgresDatabase.user(), PostgresDatabase.password()); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (Exception e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
