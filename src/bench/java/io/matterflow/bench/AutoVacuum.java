package io.matterflow.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Vacuums and analyzes a PostgreSQL figure's database while it runs, as the server's autovacuum would, for every
 * engine alike. A server with {@code autovacuum = off} (as this project's CI machine runs it) otherwise lets each
 * updated table and index fill with dead row versions and its statistics go stale, and the figure measures that
 * rather than the engine: the first PostgreSQL figures of 2026-12-01 cost Matterflow 5.41 ms of PostgreSQL CPU per
 * transition unvacuumed against 1.21 ms vacuumed. When the server's own autovacuum is on, this does nothing.
 * <p>
 * Every {@code naptime} (option {@code vacuumNaptime}, seconds, default 5; autovacuum's own default is 60 s per
 * database, which busy servers lower) each table is checked against autovacuum's default thresholds, from
 * {@code pg_stat_user_tables} and {@code pg_class.reltuples}: vacuumed when its dead rows exceed 50 + 20 % of its rows
 * or its rows inserted since the last vacuum exceed 1,000 + 20 %, analyzed when its rows changed since the last
 * analyze exceed 50 + 10 %. The work runs in a server process, so its CPU counts in the figure's PostgreSQL CPU.
 * On H2 it does nothing.
 */
final class AutoVacuum implements AutoCloseable {

    private static final String DUE = """
            select quote_ident(s.schemaname) || '.' || quote_ident(s.relname),
                   s.n_dead_tup > 50 + 0.2 * greatest(c.reltuples, 0)
                       or s.n_ins_since_vacuum > 1000 + 0.2 * greatest(c.reltuples, 0),
                   s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)
            from pg_stat_user_tables s join pg_class c on c.oid = s.relid""";

    private final BenchDatabase database;
    private final Duration naptime;
    private final String by;
    private final ScheduledExecutorService timer;
    private final AtomicInteger vacuums = new AtomicInteger();
    private final AtomicInteger analyzes = new AtomicInteger();
    private volatile String firstError;

    private AutoVacuum(BenchDatabase database, Duration naptime, String by) {
        this.database = database;
        this.naptime = naptime;
        this.by = by;
        if (by.equals("benchmark")) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "bench-autovacuum");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleWithFixedDelay(this::check, naptime.toMillis(), naptime.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            timer = null;
        }
    }

    /** The time between checks a figure's options give ({@code vacuumNaptime}, seconds, default 5). */
    static Duration naptime(Options options) {
        return options.seconds("vacuumNaptime", 5);
    }

    /** Starts vacuuming {@code database} if it is PostgreSQL and its server does not. */
    static AutoVacuum on(BenchDatabase database, Duration naptime) throws SQLException {
        if (!database.postgres()) {
            return new AutoVacuum(database, naptime, "none (H2)");
        }
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("show autovacuum")) {
            rs.next();
            return new AutoVacuum(database, naptime, rs.getString(1).equals("on") ? "server" : "benchmark");
        }
    }

    /** One round: vacuum and analyze what is due, as autovacuum's worker would (outside any transaction). */
    private void check() {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            List<String> commands = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(DUE)) {
                while (rs.next()) {
                    boolean vacuum = rs.getBoolean(2);
                    boolean analyze = rs.getBoolean(3);
                    if (vacuum || analyze) {
                        commands.add((vacuum ? analyze ? "vacuum (analyze) " : "vacuum " : "analyze ")
                                + rs.getString(1));
                    }
                }
            }
            for (String command : commands) {
                s.execute(command);
                if (command.startsWith("vacuum")) {
                    vacuums.incrementAndGet();
                }
                if (command.contains("analyze")) {
                    analyzes.incrementAndGet();
                }
            }
        } catch (SQLException e) {
            if (firstError == null) {
                firstError = e.toString();
            }
        }
    }

    /** For the figure's result: who vacuumed, how often it checked, and what it did. */
    Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("by", by);
        if (timer != null) {
            m.put("naptimeSeconds", Bench.round(naptime.toMillis() / 1000.0));
            m.put("thresholds", "autovacuum's defaults");
            m.put("vacuums", vacuums.get());
            m.put("analyzes", analyzes.get());
            if (firstError != null) {
                m.put("firstError", firstError);
            }
        }
        return m;
    }

    @Override
    public void close() throws InterruptedException {
        if (timer != null) {
            timer.shutdown();
            timer.awaitTermination(1, TimeUnit.MINUTES);
        }
    }
}
