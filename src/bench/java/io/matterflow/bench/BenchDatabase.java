package io.matterflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import io.matterflow.support.PostgresDatabase;

/**
 * The database a figure runs on, fresh for each figure (each runs in its own JVM): a new PostgreSQL database on the
 * machine's server (as the tests create theirs), after a checkpoint of the server, or an H2 file database in
 * PostgreSQL mode with the embedded default's settings.
 */
record BenchDatabase(String kind, String url, String user, String password) {

    static BenchDatabase of(String kind) throws IOException {
        return switch (kind) {
            case "postgres" -> {
                if (!PostgresDatabase.available()) {
                    throw new IllegalStateException("PostgreSQL is not reachable at " + PostgresDatabase.server());
                }
                BenchDatabase database = new BenchDatabase(kind, PostgresDatabase.url(), PostgresDatabase.user(),
                        PostgresDatabase.password());
                database.checkpoint();
                yield database;
            }
            case "h2" -> {
                Path dir = Files.createTempDirectory("matterflow-bench-h2");
                yield new BenchDatabase(kind, "jdbc:h2:file:" + dir.resolve("matterflow")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;QUERY_CACHE_SIZE=1024",
                        "sa", "");
            }
            default -> throw new IllegalArgumentException("db must be postgres or h2, not " + kind);
        };
    }

    /**
     * The URL for an engine that speaks H2's own SQL dialect rather than PostgreSQL's (the peers, Flowable and
     * Operaton): the same database with the same settings, less the PostgreSQL compatibility that dialect does not
     * support ({@code MODE=PostgreSQL} rejects the {@code identity} column type of Flowable's DDL;
     * {@code DATABASE_TO_LOWER} hides its upper-case tables from its schema checks). A PostgreSQL URL as it is.
     */
    String nativeUrl() {
        return postgres() ? url : url.replace(";MODE=PostgreSQL", "").replace(";DATABASE_TO_LOWER=TRUE", "");
    }

    /**
     * Writes every dirty page of the server to disk ({@code CHECKPOINT}) before the figure starts, so that what earlier
     * figures left in the server's buffers is not written during this one's window: each figure starts from the same
     * state of the server. The scale figure checkpoints again after its bulk load. Nothing on H2.
     */
    void checkpoint() {
        if (!postgres()) {
            return;
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("checkpoint");
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL: checkpoint failed (the benchmark's user must be allowed to)", e);
        }
    }

    /** A plain JDBC connection of its own to the database, outside any pool. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    boolean postgres() {
        return kind.equals("postgres");
    }
}
