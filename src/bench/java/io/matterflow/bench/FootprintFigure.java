package io.matterflow.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * footprint: the embedded default as a newcomer starts it (H2 file database in a fresh directory, demo data seeded,
 * no options): seconds from launching the JVM to {@code /actuator/health} UP, and the heap in use after
 * {@code scripts/demo.sh} has driven the demo workflow and a full GC has run (with the process's resident memory).
 * Runs the packaged jar when there is one (the bench profile packages it), else the compiled classes. With the jar,
 * the start-up is also measured with class data sharing as Spring Boot documents it (the jar extracted, a training
 * run that writes the archive at the end of the context's refresh, then the application started with the archive),
 * each in a fresh directory of its own.
 */
final class FootprintFigure implements Figure {

    private static final Pattern STARTED = Pattern.compile("Started MatterflowApplication in ([0-9.]+) seconds");
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    @Override
    public Map<String, Object> run(Options options) throws Exception {
        Path dir = Files.createTempDirectory("matterflow-footprint");
        Path log = dir.resolve("app.log");
        int port = freePort();
        Path jar = findJar();
        List<String> command = new ArrayList<>(List.of(Bench.javaBinary()));
        if (jar != null) {
            command.addAll(List.of("-jar", jar.toString()));
        } else {
            // absolute: the application runs in its own fresh directory
            String classpath = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                    .map(entry -> Path.of(entry).toAbsolutePath().toString())
                    .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
            command.addAll(List.of("-cp", classpath, "io.matterflow.MatterflowApplication"));
        }
        command.add("--server.port=" + port);
        long launched = System.nanoTime();
        Process app = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            String base = "http://127.0.0.1:" + port;
            double healthUp = waitForHealth(base, app, launched, log);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("db", "h2");
            m.put("launched", jar != null ? "java -jar " + jar.getFileName() : "java -cp <classes> MatterflowApplication");
            m.put("startupToHealthUpSeconds", Bench.round(healthUp));
            Matcher started = STARTED.matcher(Files.readString(log));
            if (started.find()) {
                m.put("startedInSecondsAsLogged", Double.parseDouble(started.group(1)));
            }
            Process demo = new ProcessBuilder("bash", "scripts/demo.sh", base).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("demo.log").toFile()).start();
            if (!demo.waitFor(5, TimeUnit.MINUTES) || demo.exitValue() != 0) {
                throw new IllegalStateException("scripts/demo.sh failed: " + Files.readString(dir.resolve("demo.log")));
            }
            m.put("demoRun", "scripts/demo.sh completed");
            jcmd(app.pid(), "GC.run");
            String heap = jcmd(app.pid(), "GC.heap_info");
            Matcher used = HEAP_USED.matcher(heap);
            if (!used.find()) {
                throw new IllegalStateException("no heap figure in: " + heap);
            }
            m.put("heapUsedAfterDemoMb", Bench.round(Long.parseLong(used.group(1)) / 1024.0));
            m.put("residentMemoryMb", Bench.round(residentKb(app.pid()) / 1024.0));
            m.put("maxHeapDefault", "JVM default (a quarter of the machine's memory)");
            stop(app);
            if (jar != null) {
                m.putAll(withClassDataSharing(jar));
            }
            return m;
        } finally {
            stop(app);
        }
    }

    /**
     * Start-up to health UP with class data sharing: {@code java -Djarmode=tools -jar matterflow.jar extract}, a
     * training run ({@code -XX:ArchiveClassesAtExit=application.jsa -Dspring.context.exit=onRefresh}), then
     * {@code java -XX:SharedArchiveFile=application.jsa -jar matterflow/matterflow.jar}, on a fresh database.
     */
    private static Map<String, Object> withClassDataSharing(Path jar) throws Exception {
        Path dir = Files.createTempDirectory("matterflow-cds");
        run(dir, Bench.javaBinary(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination",
                "matterflow");
        Path extracted = dir.resolve("matterflow").resolve(jar.getFileName());
        Path training = Files.createDirectories(dir.resolve("training"));
        long trainingStart = System.nanoTime();
        run(training, Bench.javaBinary(), "-XX:ArchiveClassesAtExit=" + dir.resolve("application.jsa"),
                "-Dspring.context.exit=onRefresh", "-jar", extracted.toString(), "--server.port=0");
        double trainingSeconds = (System.nanoTime() - trainingStart) / 1e9;
        Path fresh = Files.createDirectories(dir.resolve("run"));
        Path log = fresh.resolve("app.log");
        int port = freePort();
        long launched = System.nanoTime();
        Process app = new ProcessBuilder(Bench.javaBinary(), "-XX:SharedArchiveFile=" + dir.resolve("application.jsa"),
                "-jar", extracted.toString(), "--server.port=" + port).directory(fresh.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            double healthUp = waitForHealth("http://127.0.0.1:" + port, app, launched, log);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cdsLaunched", "java -XX:SharedArchiveFile=application.jsa -jar matterflow/" + jar.getFileName());
            m.put("cdsStartupToHealthUpSeconds", Bench.round(healthUp));
            Matcher started = STARTED.matcher(Files.readString(log));
            if (started.find()) {
                m.put("cdsStartedInSecondsAsLogged", Double.parseDouble(started.group(1)));
            }
            m.put("cdsTrainingRunSeconds", Bench.round(trainingSeconds));
            m.put("cdsArchiveMb", Bench.round(Files.size(dir.resolve("application.jsa")) / 1024.0 / 1024.0));
            return m;
        } finally {
            stop(app);
        }
    }

    /** Runs a command in a directory to its end; its output goes to {@code command.log} there. */
    private static void run(Path dir, String... command) throws Exception {
        Path log = dir.resolve("command.log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed: " + tail(log));
        }
    }

    private static void stop(Process app) throws InterruptedException {
        if (app.isAlive()) {
            app.destroy();
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static double waitForHealth(String base, Process app, long launched, Path log) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = launched + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!app.isAlive()) {
                throw new IllegalStateException("the application exited with " + app.exitValue() + ": "
                        + tail(log));
            }
            try {
                var response = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return (System.nanoTime() - launched) / 1e9;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("health was not UP within 3 minutes");
    }

    private static String jcmd(long pid, String command) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(1, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + out);
        }
        return out;
    }

    private static long residentKb(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(-1L);
    }

    private static Path findJar() throws IOException {
        Path target = Path.of("target");
        if (!Files.isDirectory(target)) {
            return null;
        }
        try (var files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches("matterflow-.*\\.jar")
                    && !f.getFileName().toString().endsWith("-plain.jar")).findFirst().map(Path::toAbsolutePath)
                    .orElse(null);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
