package io.matterflow.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The machine's PostgreSQL server, with one fresh database per test JVM, so test runs never see each other's rows
 * even when they share the server. Databases of finished runs are dropped by the next run.
 * <p>
 * Server: {@code MATTERFLOW_TEST_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/}), user
 * {@code MATTERFLOW_TEST_PG_USER} (default postgres), password {@code MATTERFLOW_TEST_PG_PASSWORD} (default empty).
 * When {@code MATTERFLOW_REQUIRE_POSTGRES=true} (as CI sets it) an unreachable server fails the tests instead of
 * skipping them.
 */
public final class PostgresDatabase {

    private static final String SERVER = setting("MATTERFLOW_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String USER = setting("MATTERFLOW_TEST_PG_USER", "postgres");
    private static final String PASSWORD = setting("MATTERFLOW_TEST_PG_PASSWORD", "");
    private static final String PREFIX = "matterflow_test_";
    private static volatile String databaseUrl;
    private static volatile Boolean available;

    private PostgresDatabase() {
    }

    public static boolean required() {
        return Boolean.parseBoolean(setting("MATTERFLOW_REQUIRE_POSTGRES", "false"));
    }

    public static synchronized boolean available() {
        if (available == null) {
            try (Connection c = DriverManager.getConnection(SERVER + "postgres?connectTimeout=3", USER, PASSWORD)) {
                available = c.isValid(3);
            } catch (SQLException e) {
                available = false;
            }
        }
        return available;
    }

    /** The JDBC URL of this JVM's fresh database, created on first use. */
    public static synchronized String url() {
        if (databaseUrl == null) {
            dropStale();
            String name = PREFIX + (System.currentTimeMillis() / 1000) + "_"
                    + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toLowerCase(Locale.ROOT);
            execute("create database " + name);
            databaseUrl = SERVER + name;
        }
        return databaseUrl;
    }

    /** A further fresh database of its own, named like this JVM's (so later runs drop it): its JDBC URL. */
    public static synchronized String fresh() {
        url();
        String name = PREFIX + (System.currentTimeMillis() / 1000) + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toLowerCase(Locale.ROOT);
        execute("create database " + name);
        return SERVER + name;
    }

    /** The server's JDBC URL, without a database. */
    public static String server() {
        return SERVER;
    }

    public static String user() {
        return USER;
    }

    public static String password() {
        return PASSWORD;
    }

    /**
     * Drops the databases of earlier test runs: older than ten minutes and without connections. A database is not
     * dropped when its own JVM exits, because the application contexts still close against it then.
     */
    private static void dropStale() {
        long cutoff = System.currentTimeMillis() / 1000 - 600;
        try (Connection c = connect(); Statement s = c.createStatement();
             var rs = s.executeQuery("select datname from pg_database where datname like '" + PREFIX + "%'")) {
            List<String> stale = new ArrayList<>();
            while (rs.next()) {
                String[] parts = rs.getString(1).substring(PREFIX.length()).split("_");
                if (parts.length == 2 && parts[0].matches("\\d+") && Long.parseLong(parts[0]) < cutoff) {
                    stale.add(rs.getString(1));
                }
            }
            stale.forEach(PostgresDatabase::drop);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL: cannot list test databases", e);
        }
    }

    private static void drop(String name) {
        try {
            execute("drop database if exists " + name);
        } catch (RuntimeException ignored) {
            // still in use by a running test JVM: it is dropped by a later run
        }
    }

    private static void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL: " + sql + " failed", e);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(SERVER + "postgres?connectTimeout=5&socketTimeout=20", USER, PASSWORD);
    }

    private static String setting(String name, String fallback) {
        String value = System.getProperty(name);
        if (value == null) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
