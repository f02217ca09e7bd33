package io.matterflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.matterflow.support.PostgresDatabase;

/**
 * The benchmark harness runs in every build, briefly: every figure in its own JVM, as {@code mvn -Pbench verify}
 * runs them, with a second of warm-up and two of measuring. It checks that each figure works and reports what it
 * should (no errors, every workflow finished, plans checked, results.json written), never how fast: timings belong
 * in docs/performance.md, not in assertions. On PostgreSQL when the machine has it (CI requires it), else on H2.
 */
class BenchmarkSmokeTests {

    @Test
    @SuppressWarnings("unchecked")
    void shouldRunEveryFigureAndWriteTheResults() throws Exception {
        boolean postgres = PostgresDatabase.required() || PostgresDatabase.available();
        Path out = Path.of("target/bench-smoke");
        Map<String, Object> results = Bench.run(Options.of("smoke=true", "out=" + out, "db=" + (postgres ? "postgres" : "h2")));

        assertThat(Files.exists(out.resolve("results.json"))).isTrue();
        assertThat((Map<String, Object>) results.get("machine")).containsKeys("cores", "java", "commit");
        var figures = (List<Map<String, Object>>) results.get("figures");
        assertThat(figures).allSatisfy(f -> {
            assertThat(f).as(String.valueOf(f.get("label"))).doesNotContainKey("failed");
            if (f.containsKey("errors")) {
                assertThat(((Number) f.get("errors")).longValue()).as(f.get("label") + " errors").isZero();
            }
        });
        assertThat(figures).extracting(f -> f.get("figure")).contains("statements", "engine", "peer", "operaton",
                "http", "scale", "footprint");
        for (var f : figures) {
            if (List.of("engine", "peer", "operaton", "http").contains(f.get("figure"))) {
                assertThat(((Number) f.get("instances")).longValue()).as(f.get("label") + " instances").isPositive();
            }
        }
        var statements = figures.stream().filter(f -> f.get("figure").equals("statements")).findFirst().orElseThrow();
        // a claim reads the instance with its steps, writes the audit event, the instance (with its audit head) and the
        // step, and commits: a sixth round trip is a regression of the engine's cost per transition
        assertThat(((Number) statements.get("claimRoundTrips")).intValue()).isBetween(1, 5);
        var engine = figures.stream().filter(f -> f.get("figure").equals("engine")).findFirst().orElseThrow();
        assertThat((Map<String, Object>) engine.get("cpu")).containsKeys("jvmCpuMsPerOp", "machineIdleShare");
        var ratios = (Map<String, Object>) results.get("ratios");
        assertThat(ratios).containsKeys("matterflowOverFlowable-h2-1t", "matterflowOverOperaton-h2-1t");
        if (postgres) {
            assertThat(figures).extracting(f -> f.get("figure")).contains("dblimit");
            assertThat(ratios).containsKeys("matterflowOverFlowable-postgres-1t", "matterflowOverOperaton-postgres-1t",
                    "httpOverDatabaseLimit-token", "httpOverDatabaseLimit-basic");
            // the plans are explained and judged (at this size PostgreSQL rightly scans the small tables: the
            // verdicts that count are the full-size run's, in docs/performance.md)
            var scale = figures.stream().filter(f -> f.get("figure").equals("scale")).findFirst().orElseThrow();
            assertThat((Map<String, Object>) scale.get("plans")).isNotEmpty();
            assertThat((Map<String, Object>) scale.get("indexUsed")).isNotEmpty();
            assertThat((Map<String, Object>) scale.get("inbox")).containsKeys("p99Ms", "samplesOverlappingGcPause",
                    "p99WithoutGcPauseMs");
            assertThat((Map<String, Object>) scale.get("postgresBlocks")).containsKeys("inbox", "transition");
        }
    }
}
