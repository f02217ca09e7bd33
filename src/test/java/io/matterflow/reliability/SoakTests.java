package io.matterflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.matterflow.support.EnabledIfPostgres;
import io.matterflow.support.PostgresDatabase;

/**
 * The soak: one Matterflow process on PostgreSQL under the demo workflow's mixed load through the API (instantiate,
 * claims, starts, completions, an upload, the payment webhook, READY emails to the log) for
 * {@code -Dmatterflow.soak.minutes} minutes (20 for the figure in docs/reliability.md). Every minute: the heap after a
 * full collection ({@code jcmd GC.run}, then {@code jvm.memory.used} of the heap), the minute's p50 and p99 request
 * time, requests and errors. Flat means: heap growth under 10 % from the first sampled minute to the last, p99 within
 * 20 % of the first minutes', no error. Not part of {@code mvn verify}: run it with
 * {@code mvn -B test -Dtest=SoakTests -Dmatterflow.soak.minutes=20} on a quiet machine; the table goes to
 * {@code target/soak.md}.
 */
@EnabledIfPostgres
@EnabledIfSystemProperty(named = "matterflow.soak.minutes", matches = "[1-9][0-9]*")
class SoakTests {

    static String database;
    static AppProcess node;

    @BeforeAll
    static void start() {
        database = AppProcess.freshDatabase();
        node = AppProcess.start("soak", database);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.kill();
        }
    }

    record Minute(int minute, long requests, long errors, double p50, double p99, double heapMb) {
    }

    @Test
    void shouldStayFlat() throws Exception {
        int minutes = Integer.getInteger("matterflow.soak.minutes");
        var flag = node.put(DemoLoad.ADMIN, "/api/admin/feature-flags/workflow.ready-notifications.email",
                Map.of("enabled", true));
        assertThat(flag.status()).isEqualTo(200);
        var load = new DemoLoad(List.of(node), false);
        var times = new ConcurrentLinkedQueue<Long>();
        load.latencies = times::add;
        load.start(4);
        List<Minute> table = new ArrayList<>();
        long lastRequests = 0;
        long lastErrors = 0;
        for (int m = 1; m <= minutes; m++) {
            AppProcess.sleep(Duration.ofMinutes(1).toMillis());
            analyze();
            long[] sample = times.stream().mapToLong(Long::longValue).toArray();
            times.clear();
            Arrays.sort(sample);
            long requests = load.requests.get();
            long errors = load.failures.get();
            table.add(new Minute(m, requests - lastRequests, errors - lastErrors, percentile(sample, 0.50),
                    percentile(sample, 0.99), heapAfterFullGc()));
            lastRequests = requests;
            lastErrors = errors;
            System.out.println("soak " + table.get(table.size() - 1));
        }
        load.stop();

        StringBuilder report = new StringBuilder("| minute | requests | errors | p50 ms | p99 ms | heap after full GC, MB |\n"
                + "|---:|---:|---:|---:|---:|---:|\n");
        table.forEach(t -> report.append(String.format("| %d | %d | %d | %.1f | %.1f | %.1f |%n", t.minute(),
                t.requests(), t.errors(), t.p50(), t.p99(), t.heapMb())));
        Path out = Path.of("target", "soak.md");
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.print(report);

        // the first minute warms up (JIT, caches); "the first minutes" are the second and third
        List<Minute> settled = table.size() > 3 ? table.subList(1, table.size()) : table;
        double firstHeap = settled.get(0).heapMb();
        double lastHeap = settled.get(settled.size() - 1).heapMb();
        double firstP99 = settled.stream().limit(2).mapToDouble(Minute::p99).average().orElseThrow();
        assertThat(table).allSatisfy(t -> assertThat(t.errors()).as("errors in minute %d", t.minute()).isZero());
        assertThat(lastHeap).as("heap after full GC, last against first settled minute").isLessThan(firstHeap * 1.10);
        assertThat(settled.get(settled.size() - 1).p99()).as("p99 of the last minute against the first minutes'")
                .isLessThan(firstP99 * 1.20);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    /**
     * Brings the planner's statistics up to date, as a production server's autovacuum does while the tables grow.
     * This machine's PostgreSQL runs with autovacuum off (a CI setting): without this, plans chosen for the empty
     * tables of the first minute are kept while they grow, and the requests slow down minute by minute.
     */
    private static void analyze() throws Exception {
        try (Connection c = DriverManager.getConnection(database, PostgresDatabase.user(), PostgresDatabase.password());
             Statement s = c.createStatement()) {
            s.execute("analyze");
        }
    }

    /** The process's heap after a full collection, in MB. */
    private static double heapAfterFullGc() throws Exception {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(node.pid()), "GC.run").redirectErrorStream(true).start();
        jcmd.getInputStream().readAllBytes();
        jcmd.waitFor();
        var metric = node.get(DemoLoad.ADMIN, "/actuator/metrics/jvm.memory.used?tag=area:heap");
        return metric.body().path("measurements").get(0).path("value").asDouble() / (1024 * 1024);
    }
}
