package io.matterflow.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.matterflow.support.PostgresDatabase;

/**
 * The benchmark: {@code mvn -Pbench verify} (options through {@code -Dbench.args="..."}). Runs every figure in a JVM
 * of its own, one after the other (figures taken side by side in one run compare as ratios), prints a summary and
 * writes {@code target/bench/results.json}.
 * <p>
 * Options: {@code only=engine,peer,operaton,...} (figure names), {@code warmup=25 warmupMax=180 measure=30} (seconds
 * per figure: the warm-up goes on past {@code warmup} until the JIT compiler has settled), {@code profile=<dir>}
 * (a flame graph of each load figure's window), {@code vacuumNaptime=5} (seconds between the checks that keep a
 * PostgreSQL figure's database vacuumed as autovacuum would, {@link AutoVacuum}),
 * {@code smoke=true} (a short run that checks every figure works: what the build runs), {@code out=target/bench}.
 * A single figure runs with {@code FigureMain <figure> key=value...}; {@code app.<property>=<value>} sets an
 * application property for the engine and http figures (to measure a setting's effect).
 */
public final class Bench {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final List<String> FIGURES = List.of("statements", "engine", "peer", "operaton", "dblimit", "http",
            "scale", "footprint");
    /** The figures that run a {@link LoadLoop}, so can be profiled. */
    static final Set<String> LOAD_FIGURES = Set.of("engine", "peer", "operaton", "dblimit", "http");

    /** One figure to run: its name, a label naming its settings, its options. */
    record Run(String figure, String label, Options options) {
    }

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Object> results = run(Options.parse(args));
        System.exit(failed(results) ? 1 : 0);
    }

    /** Runs the plan the options give and writes results.json; returns what it wrote. */
    static Map<String, Object> run(Options options) throws Exception {
        Path out = Path.of(options.get("out", "target/bench"));
        Files.createDirectories(out);
        List<Run> plan = plan(options);
        List<Map<String, Object>> figures = new ArrayList<>();
        for (Run run : plan) {
            System.out.println("[bench] " + run.label() + " ...");
            Map<String, Object> figure = runInOwnJvm(run, out);
            figure.put("label", run.label());
            figures.add(figure);
            System.out.println("[bench] " + run.label() + ": " + summary(figure));
        }
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("date", Instant.now().toString());
        results.put("command", "mvn -Pbench verify" + (options.values().isEmpty() ? ""
                : " -Dbench.args=\"" + String.join(" ", options.toArgs()) + "\""));
        results.put("machine", machine(options));
        results.put("ratios", ratios(figures));
        results.put("figures", figures);
        Files.writeString(out.resolve("results.json"), JSON.writeValueAsString(results));
        System.out.println("[bench] ratios: " + results.get("ratios"));
        System.out.println("[bench] written " + out.resolve("results.json"));
        return results;
    }

    static List<Run> plan(Options options) {
        boolean smoke = options.flag("smoke");
        // the warm-up lasts until the JIT compiler has settled (LoadLoop.Window), at least 25 s, at most warmupMax
        String warmup = options.get("warmup", smoke ? "1" : "25");
        Options timing = Options.of("warmup=" + warmup, "warmupMax=" + options.get("warmupMax", smoke ? warmup : "180"),
                "measure=" + options.get("measure", smoke ? "2" : "30"));
        String naptime = options.get("vacuumNaptime", null);
        if (naptime != null) {
            timing = timing.with("vacuumNaptime", naptime);
        }
        boolean postgres = !options.get("db", "postgres").equals("h2");
        String main = postgres ? "postgres" : "h2";
        Set<String> only = Set.copyOf(Arrays.asList(options.get("only", String.join(",", FIGURES)).split(",")));
        List<Run> plan = new ArrayList<>();
        if (only.contains("statements")) {
            plan.add(new Run("statements", "statements-" + main, Options.of("db=" + main)));
        }
        List<String> engineDbs = postgres ? List.of("h2", "postgres") : List.of("h2");
        for (String db : engineDbs) {
            for (int threads : smoke ? List.of(1) : List.of(1, 4)) {
                if (only.contains("engine")) {
                    plan.add(new Run("engine", "engine-" + db + "-" + threads + "t",
                            timing.with("db", db).with("threads", threads)));
                    if (!smoke) {
                        // the peers' semantics: start (with its claim) and complete, 6 commands per instance
                        plan.add(new Run("engine", "engine-6c-" + db + "-" + threads + "t",
                                timing.with("db", db).with("threads", threads).with("commands", 6)));
                    }
                }
                if (only.contains("peer")) {
                    plan.add(new Run("peer", "peer-" + db + "-" + threads + "t",
                            timing.with("db", db).with("threads", threads)));
                }
                if (only.contains("operaton")) {
                    plan.add(new Run("operaton", "operaton-" + db + "-" + threads + "t",
                            timing.with("db", db).with("threads", threads)));
                }
            }
        }
        if (only.contains("engine") && postgres && only.contains("http") && !smoke) {
            // the engine at the HTTP figure's concurrency, for the HTTP layer's own cost
            plan.add(new Run("engine", "engine-postgres-16t", timing.with("db", "postgres").with("threads", 16)));
        }
        if (only.contains("dblimit") && postgres) {
            plan.add(new Run("dblimit", "dblimit-postgres", timing.with("db", "postgres").with("connections", 16)));
        }
        if (only.contains("http")) {
            // A smoke run measures HTTP for 8 seconds, not 2: with Basic credentials an instance is 11 password checks,
            // over 2 seconds on a busy 2-core machine, and the smoke test needs at least one finished instance.
            Options httpTiming = smoke && options.get("measure", null) == null ? timing.with("measure", 8) : timing;
            for (String auth : List.of("token", "basic")) {
                plan.add(new Run("http", "http-" + main + "-" + (smoke ? 2 : 16) + "c-" + auth,
                        httpTiming.with("db", main).with("clients", smoke ? 2 : 16).with("auth", auth)));
            }
        }
        if (only.contains("scale")) {
            plan.add(new Run("scale", "scale-" + main, Options.of("db=" + main,
                    "instances=" + (smoke ? 2000 : 100_000), "matters=" + (smoke ? 200 : 10_000),
                    "samples=" + (smoke ? 50 : 2000), "warmup=" + (smoke ? 20 : 500))));
            if (!smoke) {
                // a million steps (6 per instance), at the same 10 instances per matter: each performer's matters,
                // and so their open items, grow by two thirds
                plan.add(new Run("scale", "scale-1m-" + main, Options.of("db=" + main, "instances=166667",
                        "matters=16667", "samples=2000", "warmup=500")));
            }
        }
        if (only.contains("footprint")) {
            plan.add(new Run("footprint", "footprint-h2", Options.of("db=h2")));
        }
        String profiles = options.get("profile", null);
        if (profiles != null) {
            plan.replaceAll(run -> LOAD_FIGURES.contains(run.figure()) ? new Run(run.figure(), run.label(),
                    run.options().with("profile", Path.of(profiles, run.label() + ".html"))) : run);
        }
        return plan;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> runInOwnJvm(Run run, Path out) throws Exception {
        Path file = out.resolve(run.label() + ".json").toAbsolutePath();
        Files.deleteIfExists(file);
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-cp", System.getProperty("java.class.path"),
                FigureMain.class.getName(), run.figure(), "out=" + file));
        command.addAll(List.of(run.options().toArgs()));
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (!process.waitFor(30, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return new LinkedHashMap<>(Map.of("figure", run.figure(), "failed", "timed out after 30 minutes"));
        }
        if (!Files.exists(file)) {
            return new LinkedHashMap<>(Map.of("figure", run.figure(), "failed",
                    "its JVM exited with " + process.exitValue() + " without a result"));
        }
        return JSON.readValue(file.toFile(), LinkedHashMap.class);
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Matterflow against its peers, Flowable and Operaton (instances per second), and the HTTP API against the
     * database's limit and against the engine at the same concurrency (16 threads).
     */
    static Map<String, Object> ratios(List<Map<String, Object>> figures) {
        Map<String, Object> ratios = new LinkedHashMap<>();
        for (var engine : figures) {
            String label = (String) engine.get("label");
            if (!label.startsWith("engine-") || engine.containsKey("failed")) {
                continue;
            }
            peerRatio(ratios, figures, engine, "peer-", "matterflowOverFlowable-");
            peerRatio(ratios, figures, engine, "operaton-", "matterflowOverOperaton-");
        }
        var engine16 = find(figures, "engine-postgres-16t");
        var limit = find(figures, "dblimit-postgres");
        for (var http : figures) {
            String label = (String) http.get("label");
            if (label.startsWith("http-") && !http.containsKey("failed")) {
                String auth = label.substring(label.lastIndexOf('-') + 1);
                httpRatio(ratios, "httpOverEngine16t-" + auth, http, engine16, "transitionsPerSecond");
                httpRatio(ratios, "httpOverDatabaseLimit-" + auth, http, limit, "transactionsPerSecond");
            }
        }
        return ratios;
    }

    /** The HTTP figure's transitions per second over the other figure's {@code key}, when that figure ran. */
    private static void httpRatio(Map<String, Object> ratios, String name, Map<String, Object> http,
            Map<String, Object> other, String key) {
        if (other != null && !other.containsKey("failed")) {
            ratios.put(name, round(number(http, "transitionsPerSecond") / number(other, key)));
        }
    }

    /**
     * The engine figure's instances per second over those of the peer figure of the same database and threads; the
     * start-and-complete variant ({@code engine-6c-...}) gives {@code ...-6c-<db>-<threads>t}.
     */
    private static void peerRatio(Map<String, Object> ratios, List<Map<String, Object>> figures,
            Map<String, Object> engine, String peerPrefix, String ratioPrefix) {
        String settings = ((String) engine.get("label")).substring("engine-".length());
        String variant = settings.startsWith("6c-") ? "6c-" : "";
        var peer = find(figures, peerPrefix + settings.substring(variant.length()));
        if (peer != null && !peer.containsKey("failed")) {
            ratios.put(ratioPrefix + settings,
                    round(number(engine, "instancesPerSecond") / number(peer, "instancesPerSecond")));
        }
    }

    private static Map<String, Object> find(List<Map<String, Object>> figures, String label) {
        return figures.stream().filter(f -> label.equals(f.get("label"))).findFirst().orElse(null);
    }

    private static double number(Map<String, Object> figure, String key) {
        Object value = figure.get(key);
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    static boolean failed(Map<String, Object> results) {
        @SuppressWarnings("unchecked")
        var figures = (List<Map<String, Object>>) results.get("figures");
        return figures.stream().anyMatch(f -> f.containsKey("failed") || number(f, "errors") > 0);
    }

    private static String summary(Map<String, Object> figure) {
        if (figure.containsKey("failed")) {
            String failure = String.valueOf(figure.get("failed"));
            return "FAILED " + failure.lines().limit(3).reduce((a, b) -> a + " | " + b).orElse("");
        }
        Map<String, Object> shown = new LinkedHashMap<>(figure);
        shown.remove("sql");
        shown.remove("plans");
        shown.remove("figure");
        shown.remove("label");
        return shown.toString();
    }

    private static Map<String, Object> machine(Options options) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("cpu", firstLine("/proc/cpuinfo", "model name"));
        m.put("memory", firstLine("/proc/meminfo", "MemTotal"));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        if (!options.get("db", "postgres").equals("h2") && PostgresDatabase.available()) {
            try (var c = DriverManager.getConnection(PostgresDatabase.server() + "postgres", PostgresDatabase.user(),
                    PostgresDatabase.password()); var s = c.createStatement();
                 var rs = s.executeQuery("select version()")) {
                rs.next();
                m.put("postgres", rs.getString(1));
            } catch (Exception e) {
                m.put("postgres", "unknown: " + e.getMessage());
            }
        }
        m.put("commit", git());
        return m;
    }

    private static String firstLine(String file, String prefix) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(prefix))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static String git() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").directory(new File("."))
                    .redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 ? text : "unknown";
        } catch (Exception e) {
            return "unknown";
        }
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
