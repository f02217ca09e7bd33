package io.matterflow.reliability;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.matterflow.MatterflowApplication;
import io.matterflow.support.PostgresDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Matterflow as a separate operating-system process (a "node") on a PostgreSQL database, started with the test
 * JVM's class path, and the HTTP calls the reliability tests make to it. Its output goes to
 * {@code target/reliability/<name>.log}.
 */
final class AppProcess {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String PASSWORD = "demo";
    static final String PAYMENTS_SECRET = "development-only-payments-mock-webhook-secret";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    final String name;
    final String databaseUrl;
    final int port;
    final String base;
    /** The key a POST of this thread carries in {@code Idempotency-Key}, while set (see {@link DemoLoad}). */
    static final ThreadLocal<String> IDEMPOTENCY_KEY = new ThreadLocal<>();

    private Process process;
    private final List<String> options = new ArrayList<>();

    private AppProcess(String name, String databaseUrl, int port) {
        this.name = name;
        this.databaseUrl = databaseUrl;
        this.port = port;
        this.base = "http://127.0.0.1:" + port;
    }

    /** Creates a fresh database of its own (named like {@link PostgresDatabase}'s, so later runs drop it). */
    static String freshDatabase() {
        String server = PostgresDatabase.url();
        server = server.substring(0, server.lastIndexOf('/') + 1);
        String db = "matterflow_test_" + (System.currentTimeMillis() / 1000) + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(server + "postgres", PostgresDatabase.user(),
                PostgresDatabase.password()); Statement s = c.createStatement()) {
            s.execute("create database " + db);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return server + db;
    }

    static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, PostgresDatabase.user(), PostgresDatabase.password());
    }

    static AppProcess start(String name, String databaseUrl) {
        return start(name, databaseUrl, List.of());
    }

    /** As {@link #start(String, String)}, with more application arguments ({@code --key=value}). */
    static AppProcess start(String name, String databaseUrl, List<String> options) {
        var node = new AppProcess(name, databaseUrl, freePort());
        node.options.addAll(options);
        logFile(name).delete();
        node.launch();
        return node;
    }

    /** Starts (or starts again) the process on its port and database and waits until it is healthy. */
    void launch() {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                MatterflowApplication.class.getName(),
                "--server.port=" + port,
                "--spring.datasource.url=" + databaseUrl,
                "--spring.datasource.username=" + PostgresDatabase.user(),
                "--spring.datasource.password=" + PostgresDatabase.password(),
                "--matterflow.demo.seed=ALWAYS",
                "--matterflow.notifications.sender-enabled=true",
                "--matterflow.security.bcrypt-strength=4",
                "--matterflow.documents.storage-dir=target/reliability/documents",
                "--management.tracing.sampling.probability=0.0",
                "--logging.level.root=WARN",
                "--logging.level.org.springframework.boot.web=INFO",
                "--logging.level.io.matterflow=INFO"));
        command.addAll(options);
        try {
            Path log = Path.of("target", "reliability", name + ".log");
            Files.createDirectories(log.getParent());
            Files.writeString(log, "\n==== start " + java.time.Instant.now() + " " + command.subList(command.indexOf("-cp") + 2, command.size())
                            + "\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            Process started = process;
            // should the test JVM end without @AfterAll (killed, timed out), its children die with it
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue()
                        + "; see target/reliability/" + name + ".log");
            }
            try {
                var r = get(null, "/actuator/health");
                if (r.status() == 200 && r.body().path("status").asString().equals("UP")) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " was not healthy within 120 s");
    }

    long pid() {
        return process.pid();
    }

    /**
     * SIGTERM, as an operator's restart or an orchestrator sends it, and waits until the process has ended; answers
     * how long it took.
     */
    Duration stop() {
        long start = System.nanoTime();
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)) {
                    throw new IllegalStateException(name + " did not stop within 90 s of SIGTERM");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** SIGKILL: no shutdown hook, no graceful anything. */
    void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    record Response(int status, JsonNode body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    Response get(String user, String path) {
        return send(user, HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Response post(String user, String path, Object body) {
        return send(user, HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : JSON.writeValueAsString(body))));
    }

    Response put(String user, String path, Object body) {
        return send(user, HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    Response upload(String user, String path, String fileName, byte[] content) {
        String boundary = "----matterflow" + UUID.randomUUID().toString().replace("-", "");
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(content, 0, all, head.length, content.length);
        System.arraycopy(tail, 0, all, head.length + content.length, tail.length);
        return send(user, HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(all)));
    }

    /** The mock payment provider reports the intent paid, signed as it would be. */
    Response paymentSucceeded(String eventId, String intentId, String amount, String currency) {
        String body = "{\"id\":\"" + eventId + "\",\"type\":\"payment.succeeded\",\"paymentIntentId\":\"" + intentId
                + "\",\"amount\":" + amount + ",\"currency\":\"" + currency + "\"}";
        long t = System.currentTimeMillis() / 1000;
        String signature;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(PAYMENTS_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            signature = HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return send(null, HttpRequest.newBuilder(URI.create(base + "/api/webhooks/payments/mock"))
                .header("Content-Type", "application/json").header("Matterflow-Signature", "t=" + t + ",v1=" + signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Response send(String user, HttpRequest.Builder request) {
        request.timeout(Duration.ofSeconds(20)).header("Accept", "application/json");
        if (IDEMPOTENCY_KEY.get() != null) {
            request.header("Idempotency-Key", IDEMPOTENCY_KEY.get());
        }
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonNode body = text == null || text.isBlank() ? JSON.missingNode() : parse(text);
            return new Response(response.statusCode(), body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (RuntimeException notJson) {
            return JSON.missingNode();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many lines of this node's output (since its first start) contain the text. */
    long linesContaining(String text) throws IOException {
        try (var lines = Files.lines(logFile(name).toPath(), StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains(text)).count();
        }
    }

    static File logFile(String name) {
        return Path.of("target", "reliability", name + ".log").toFile();
    }
}
