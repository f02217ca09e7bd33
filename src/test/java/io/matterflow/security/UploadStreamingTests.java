package io.matterflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import io.matterflow.action.ActionState;
import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.directory.Directory;
import io.matterflow.directory.UserAccount;
import io.matterflow.instance.InstanceDetails;
import io.matterflow.instance.Instances;
import io.matterflow.instance.StepRuntime;
import io.matterflow.support.StreamedUpload;
import io.matterflow.support.TestFirm;
import io.matterflow.support.Workflows;
import io.matterflow.template.Templates;

/**
 * Uploads over a real connection (Tomcat parses the multipart body, as in production), with bodies generated as they
 * are sent, so that the test itself holds none of them:
 * <ul>
 *   <li>an upload is checked (step in the caller's firm, caller its performer, step accepting documents) before its
 *   body is read, and an accepted one is streamed to disk: neither is ever held in memory, measured by the bytes the
 *   server's request threads allocate and by the heap left after a full collection;</li>
 *   <li>a multipart body sent to a route that takes none is refused with 415 before it is parsed;</li>
 *   <li>what Tomcat's parser refuses (a NUL in a file name, a body over the multipart limits) is a 4xx problem
 *   detail, never a 500 or an empty body.</li>
 * </ul>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class UploadStreamingTests {

    static final long MB = 1024 * 1024;
    static ExecutorService pool;
    static HttpClient http;

    @LocalServerPort
    int port;
    @Autowired
    Directory directory;
    @Autowired
    Instances instances;
    @Autowired
    StepRuntime runtime;
    @Autowired
    JdbcTemplate jdbc;
    Workflows workflows;

    @Autowired
    void workflows(Templates templates, Instances instances) {
        workflows = new Workflows(templates, instances);
    }

    @BeforeAll
    static void client() {
        pool = Executors.newFixedThreadPool(8);
        http = HttpClient.newBuilder().executor(pool).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).build();
    }

    @AfterAll
    static void closeClient() {
        pool.shutdownNow();
    }

    /**
     * The penetration test sent 100 parallel 20 MB uploads to a random step id and ran the server out of heap. Here 40
     * concurrent 20 MB uploads go to steps the caller may not use: ten each to an unknown step id (404), another
     * firm's step (404), a step for the firm's lawyers (403) and a step still PENDING (409). Every answer is that 4xx
     * problem detail; the request threads allocate less than 1 MB more per upload than for the same 40 requests with
     * 1 KB bodies (reading a body into memory would cost its 20 MB), and after a full collection the heap is back
     * within a few MB of where it was. Sizes, not times, are measured.
     */
    @Test
    void shouldRefuseConcurrentLargeUploadsToStepsTheCallerMayNotUseWithoutHoldingThem() throws Exception {
        Steps steps = arrange();
        Steps otherFirm = arrange();
        Map<UUID, Integer> expected = new HashMap<>();
        List<UUID> targets = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            UUID unknown = UUID.randomUUID();
            targets.addAll(List.of(unknown, otherFirm.accepting(), steps.forLawyers(), steps.pending()));
            expected.put(unknown, 404);
        }
        expected.put(otherFirm.accepting(), 404);
        expected.put(steps.forLawyers(), 403);
        expected.put(steps.pending(), 409);
        // Warm up with the same 40 requests, small and concurrent: connections, threads and whatever is cached once
        // exist before measuring. Then the same again, small and large: what an upload's size costs is the difference.
        uploadAll(steps.client(), targets, 1024);
        long heapBefore = heapAfterFullCollection();
        Map<Long, Long> allocatedBefore = allocatedByRequestThreads();
        uploadAll(steps.client(), targets, 1024);
        long allocatedSmall = allocatedSince(allocatedBefore);
        allocatedBefore = allocatedByRequestThreads();
        List<HttpResponse<String>> responses = uploadAll(steps.client(), targets, 20 * MB);
        long allocatedLarge = allocatedSince(allocatedBefore);
        long heapAfter = heapAfterFullCollection();

        for (int i = 0; i < targets.size(); i++) {
            HttpResponse<String> response = responses.get(i);
            assertThat(response.statusCode()).as("upload %d to %s: %s", i, targets.get(i), response.body())
                    .isEqualTo(expected.get(targets.get(i)));
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(problemJson());
        }
        // measured: about 160 KB per 20 MB upload (small objects per socket read while Tomcat discards the body);
        // reading one into memory costs its 20 MB and more
        assertThat(allocatedLarge - allocatedSmall)
                .as("what the request threads allocated for 40 uploads of 20 MB, beyond 40 of 1 KB")
                .isLessThan(40 * MB);
        assertThat(heapAfter - heapBefore).as("heap growth after a full collection").isLessThan(4 * MB);
        assertThat(documents(steps.firm())).isZero();
        assertThat(documents(otherFirm.firm())).isZero();
    }

    /**
     * Accepted uploads are streamed to storage while hashed: four concurrent 19 MB uploads to steps the client may
     * use are stored whole (size and SHA-256 as sent), and the request threads allocate a small part of their size.
     */
    @Test
    void shouldStreamAcceptedUploadsToStorageWithoutHoldingThem() throws Exception {
        List<Steps> arranged = List.of(arrange(), arrange(), arrange(), arrange());
        StreamedUpload file = StreamedUpload.pdf("statement.pdf", 19 * MB);
        upload(arranged.get(0).client(), arranged.get(0).accepting(), StreamedUpload.pdf("warm.pdf", 1024));

        Map<Long, Long> allocatedBefore = allocatedByRequestThreads();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (Steps s : arranged) {
            answers.add(send(s.client(), s.accepting(), file));
        }
        for (var answer : answers) {
            HttpResponse<String> response = answer.get(180, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        }
        long allocated = allocatedSince(allocatedBefore);

        String sha256 = file.sha256();
        for (Steps s : arranged) {
            var rows = jdbc.queryForList("select size_bytes, sha256, storage_key from documents where step_id = ?"
                    + " and name = 'statement.pdf'", s.accepting());
            assertThat(rows).hasSize(1);
            assertThat(((Number) rows.get(0).get("size_bytes")).longValue()).isEqualTo(19 * MB);
            assertThat(rows.get(0).get("sha256")).isEqualTo(sha256);
            assertThat(Files.size(Path.of("target/test-documents").resolve((String) rows.get(0).get("storage_key"))))
                    .isEqualTo(19 * MB);
        }
        assertThat(allocated).as("bytes allocated by the request threads for 4 uploads of 19 MB")
                .isLessThan(19 * MB);
    }

    /**
     * A multipart body to a route that takes none (the webhooks, JSON routes, routes without a body) is refused with
     * 415 before it is parsed: the step is not claimed (a multipart POST to {@code claim} used to claim it), and a
     * 20 MB body gets the same answer as a small one.
     */
    @Test
    void shouldRefuseMultipartBodiesToRoutesThatTakeNone() throws Exception {
        Steps steps = arrange();
        UserAccount owner = steps.firm().owner();
        String stepPath = "/api/workflows/steps/" + steps.accepting();
        Map<String, UserAccount> routes = new java.util.LinkedHashMap<>();
        routes.put(stepPath + "/claim", steps.client());
        routes.put(stepPath + "/start", steps.client());
        routes.put(stepPath + "/complete", steps.client());
        routes.put("/api/workflows/templates", owner);
        routes.put("/api/matters", owner);
        routes.put("/api/webhooks/uploads/mock", null);
        routes.put("/api/webhooks/esign/mock", null);
        routes.put("/api/webhooks/payments/mock", null);
        for (var route : routes.entrySet()) {
            for (long size : List.of(1024L, 20 * MB)) {
                HttpResponse<String> response = post(route.getValue(), route.getKey(),
                        StreamedUpload.pdf("event.pdf", size), true).get(180, TimeUnit.SECONDS);
                assertThat(response.statusCode()).as("%s with %d bytes: %s", route.getKey(), size, response.body())
                        .isEqualTo(415);
                assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(problemJson());
                assertThat(response.body()).contains("\"status\":415");
            }
        }
        var step = instances.step(steps.firm().as(owner), steps.accepting());
        assertThat(step.assignedToId()).isNull();
        assertThat(step.actionState()).isEqualTo(ActionState.READY);
    }

    /** A NUL in a file name (refused by Tomcat's parser) is a 400 problem detail naming the part, not a 500. */
    @Test
    void shouldAnswerAFileNameWithANulCharacterWithAProblemDetail() throws Exception {
        Steps steps = arrange();
        for (String name : List.of("pass\u0000port.pdf", "\u0000", "passport.pdf\u0000.exe")) {
            HttpResponse<String> response = upload(steps.client(), steps.accepting(),
                    new StreamedUpload("file", name, "application/pdf", 2048));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(problemJson());
            assertThat(response.body()).contains("\"field\":\"file\"");
        }
        assertThat(documents(steps.firm())).isZero();
    }

    /**
     * Uploads over the limits are a 413 problem detail naming the limit, whether the document limit (20 MB) is
     * passed by a byte or the container's multipart limits are (21 MB a file, 22 MB a request: those used to be a 413
     * with an empty body), with a declared length or chunked.
     */
    @Test
    void shouldAnswerUploadsOverTheLimitsWithAProblemDetail() throws Exception {
        Steps steps = arrange();
        for (long size : List.of(20 * MB + 1, 21 * MB + 1, 22 * MB + 64 * 1024)) {
            for (boolean declared : List.of(true, false)) {
                HttpResponse<String> response = post(steps.client(), "/api/workflows/steps/" + steps.accepting()
                        + "/documents", StreamedUpload.pdf("big.pdf", size), declared).get(180, TimeUnit.SECONDS);
                assertThat(response.statusCode()).as("%d bytes, length declared %s: %s", size, declared,
                        response.body()).isEqualTo(413);
                assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(problemJson());
                assertThat(response.body()).contains("\"status\":413").contains("limit");
            }
        }
        assertThat(documents(steps.firm())).isZero();
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    /**
     * A firm with three document requests on its matter: one the client may upload to now ({@code accepting}), one
     * still PENDING behind it, and one for the firm's lawyers.
     */
    record Steps(TestFirm firm, UserAccount client, UUID accepting, UUID pending, UUID forLawyers) {
    }

    private Steps arrange() {
        TestFirm firm = TestFirm.create(directory);
        Map<String, Object> config = Map.of("requestText", "Your documents, please");
        InstanceDetails forClient = workflows.instance(firm,
                Workflows.step("Passport", ActionType.REQUEST_DOC_CLIENT, RoleScope.CLIENT, true, config),
                Workflows.step("Statements", ActionType.REQUEST_DOC_CLIENT, RoleScope.CLIENT, true, config));
        InstanceDetails forLawyers = workflows.instance(firm,
                Workflows.step("Engagement file", ActionType.REQUEST_DOC_CLIENT, RoleScope.LAWYER, true, config));
        assertThat(forClient.steps().get(1).actionState()).isEqualTo(ActionState.PENDING);
        return new Steps(firm, firm.client(), forClient.steps().get(0).id(), forClient.steps().get(1).id(),
                forLawyers.steps().get(0).id());
    }

    /** One upload of {@code size} bytes to each target, all at once; the answers in the targets' order. */
    private List<HttpResponse<String>> uploadAll(UserAccount who, List<UUID> targets, long size) throws Exception {
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (UUID target : targets) {
            answers.add(send(who, target, StreamedUpload.pdf("passport.pdf", size)));
        }
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (var answer : answers) {
            responses.add(answer.get(180, TimeUnit.SECONDS));
        }
        return responses;
    }

    private HttpResponse<String> upload(UserAccount who, UUID step, StreamedUpload file) throws Exception {
        return send(who, step, file).get(180, TimeUnit.SECONDS);
    }

    private CompletableFuture<HttpResponse<String>> send(UserAccount who, UUID step, StreamedUpload file) {
        return post(who, "/api/workflows/steps/" + step + "/documents", file, true);
    }

    /** POSTs the body as it is generated, with its length declared or chunked. */
    private CompletableFuture<HttpResponse<String>> post(UserAccount who, String path, StreamedUpload file,
                                                         boolean declareLength) {
        var body = HttpRequest.BodyPublishers.ofInputStream(file::body);
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(170))
                .header("Content-Type", file.mediaType())
                .POST(declareLength ? HttpRequest.BodyPublishers.fromPublisher(body, file.length()) : body);
        if (who != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (who.email() + ":pw").getBytes(StandardCharsets.UTF_8)));
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static java.util.function.Consumer<String> problemJson() {
        return type -> assertThat(type).startsWith("application/problem+json");
    }

    private long documents(TestFirm firm) {
        return jdbc.queryForObject("select count(*) from documents where org_id = ?", Long.class, firm.orgId());
    }

    /** Used heap once a full collection has run; several, so that what one frees late is gone too. */
    private static long heapAfterFullCollection() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** Bytes allocated so far by each of Tomcat's request threads, by thread id. */
    private static Map<Long, Long> allocatedByRequestThreads() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Map<Long, Long> allocated = new HashMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("http-nio-")) {
                @SuppressWarnings("deprecation") long id = thread.getId();
                allocated.put(id, threads.getThreadAllocatedBytes(id));
            }
        }
        return allocated;
    }

    /** What the request threads allocated since {@code before} (threads started since count from zero). */
    private static long allocatedSince(Map<Long, Long> before) {
        long total = 0;
        for (var now : allocatedByRequestThreads().entrySet()) {
            total += now.getValue() - before.getOrDefault(now.getKey(), 0L);
        }
        return total;
    }
}
