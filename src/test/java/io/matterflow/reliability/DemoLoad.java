package io.matterflow.reliability;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;

/**
 * Client threads driving the demo workflow through the HTTP API, as the demo users: instantiate, approve the conflict
 * check, sign, upload and submit the proof of identity, pay (confirmed by the signed payments webhook), tick the
 * checklist. Each request goes to a random node; with {@code race}, claims, completions and the webhook are sent to
 * every node at once, so that the nodes compete for the same transition. A failed request (refused, 409, a dead
 * node) abandons that instance and starts another.
 */
final class DemoLoad {

    static final String ADMIN = "admin@demo.law";
    static final String LAWYER = "lawyer@demo.law";
    static final String PARALEGAL = "paralegal@demo.law";
    static final String CLIENT = "client@demo.law";
    static final String TEMPLATE = "New client intake (demo)";
    static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);

    final List<AppProcess> nodes;
    final boolean race;
    final String templateId;
    final String matterId;
    final AtomicInteger instantiated = new AtomicInteger();
    final AtomicInteger completed = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger failures = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    /** With {@link #retrying}: requests sent again after a connection error or an idempotent request still running. */
    final AtomicInteger retries = new AtomicInteger();
    /** Each request's time in nanoseconds, with retries (for the soak's percentiles). */
    volatile java.util.function.LongConsumer latencies = nanos -> { };
    /** A client of a load balancer: see {@link #retrying()}. */
    private volatile boolean retrying;
    /** Contested requests a node refused because the other node's had already moved the step (or took the event). */
    final java.util.concurrent.ConcurrentHashMap<Integer, AtomicInteger> contestedLosses =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final ExecutorService racers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "race");
        t.setDaemon(true);
        return t;
    });

    DemoLoad(List<AppProcess> nodes, boolean race) {
        this.nodes = nodes;
        this.race = race;
        var node = nodes.get(0);
        var templates = node.get(LAWYER, "/api/workflows/templates?q="
                + URLEncoder.encode(TEMPLATE, StandardCharsets.UTF_8));
        this.templateId = find(templates.body().path("items"), "name", TEMPLATE).path("id").asString();
        var matters = node.get(LAWYER, "/api/matters?size=100");
        this.matterId = find(matters.body().path("items"), "reference", "2026-001").path("id").asString();
        if (templateId.isEmpty() || matterId.isEmpty()) {
            throw new IllegalStateException("no demo template or matter: " + templates + " " + matters);
        }
    }

    /**
     * Makes the clients behave as behind a load balancer that retries: every POST carries an {@code Idempotency-Key}
     * (the same on each try), and a request that met a connection error (the node is stopping or not yet started) or
     * a 409 "still running" for its key is sent again, to the next node, for up to 30 seconds.
     */
    DemoLoad retrying() {
        this.retrying = true;
        return this;
    }

    void start(int clients) {
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(this::loop, "load-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    void stop() throws InterruptedException {
        stop.set(true);
        for (Thread t : threads) {
            t.join(30_000);
        }
        racers.shutdownNow();
    }

    private void loop() {
        while (!stop.get()) {
            try {
                runOnce();
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                AppProcess.sleep(100);
            }
        }
    }

    /** One instance as far as it goes; false when a request was refused. */
    boolean runOnce() {
        var instance = call(n -> n.post(LAWYER, "/api/workflows/templates/" + templateId + "/instantiate",
                Map.of("matterId", matterId, "title", "Load " + Thread.currentThread().getName())));
        if (instance == null) {
            return false;
        }
        instantiated.incrementAndGet();
        JsonNode steps = instance.path("steps");
        String approval = find(steps, "actionType", "APPROVAL_LAWYER").path("id").asString();
        String signature = find(steps, "actionType", "SIGNATURE_CLIENT").path("id").asString();
        String document = find(steps, "actionType", "REQUEST_DOC_CLIENT").path("id").asString();
        String payment = find(steps, "actionType", "PAYMENT_CLIENT").path("id").asString();
        String checklist = find(steps, "actionType", "CHECKLIST").path("id").asString();
        String s = "/api/workflows/steps/";

        if (contested(n -> n.post(LAWYER, s + approval + "/claim", null)) == null
                || call(n -> n.post(LAWYER, s + approval + "/start", null)) == null
                || contested(n -> n.post(LAWYER, s + approval + "/complete",
                Map.of("approved", true, "comment", "No conflict"))) == null) {
            return false;
        }
        var started = call(n -> n.post(CLIENT, s + signature + "/start", null));
        if (started == null) {
            return false;
        }
        String session = started.path("actionData").path("signatureSessionId").asString();
        if (contested(n -> n.post(CLIENT, s + signature + "/complete", Map.of("signatureSessionId", session))) == null
                || call(n -> n.post(CLIENT, s + document + "/start", null)) == null) {
            return false;
        }
        var uploaded = call(n -> n.upload(CLIENT, s + document + "/documents", "passport.pdf", PDF));
        if (uploaded == null || contested(n -> n.post(CLIENT, s + document + "/complete",
                Map.of("documentIds", List.of(uploaded.path("id").asString())))) == null) {
            return false;
        }
        var paying = call(n -> n.post(CLIENT, s + payment + "/start", null));
        if (paying == null) {
            return false;
        }
        String intent = paying.path("actionData").path("paymentIntentId").asString();
        String amount = paying.path("actionConfig").path("amount").toString();
        String currency = paying.path("actionConfig").path("currency").asString();
        String eventId = "evt_load_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        if (contested(n -> n.paymentSucceeded(eventId, intent, amount, currency)) == null) {
            return false;
        }
        var items = new ArrayList<String>();
        var step = call(n -> n.get(PARALEGAL, s + checklist));
        if (step == null || !step.path("actionState").asString().equals("READY")) {
            return false;
        }
        step.path("actionConfig").path("items").forEach(i -> items.add(i.asString()));
        if (contested(n -> n.post(PARALEGAL, s + checklist + "/complete", Map.of("checked", items))) == null) {
            return false;
        }
        completed.incrementAndGet();
        return true;
    }

    /** The request on a random node: its body, or null when it was not a success. */
    private JsonNode call(Function<AppProcess, AppProcess.Response> request) {
        requests.incrementAndGet();
        inFlight.incrementAndGet();
        AppProcess.Response r;
        long start = System.nanoTime();
        try {
            int first = ThreadLocalRandom.current().nextInt(nodes.size());
            r = retrying ? withRetries(request, first) : request.apply(nodes.get(first));
        } finally {
            inFlight.decrementAndGet();
            latencies.accept(System.nanoTime() - start);
        }
        if (!r.ok()) {
            failures.incrementAndGet();
            return null;
        }
        return r.body();
    }

    private AppProcess.Response withRetries(Function<AppProcess, AppProcess.Response> request, int first) {
        AppProcess.IDEMPOTENCY_KEY.set("load-" + java.util.UUID.randomUUID());
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        try {
            for (int attempt = 0; ; attempt++) {
                AppProcess node = nodes.get((first + attempt) % nodes.size());
                try {
                    var r = request.apply(node);
                    boolean running = r.status() == 409 && r.body().path("title").asString().equals("Request in progress");
                    if (!running || System.nanoTime() > deadline) {
                        return r;
                    }
                } catch (java.io.UncheckedIOException connectionError) {
                    if (System.nanoTime() > deadline) {
                        throw connectionError;
                    }
                }
                retries.incrementAndGet();
                AppProcess.sleep(100);
            }
        } finally {
            AppProcess.IDEMPOTENCY_KEY.remove();
        }
    }

    /** With {@code race}, the same request on every node at once: a success's body, or null when none succeeded. */
    private JsonNode contested(Function<AppProcess, AppProcess.Response> request) {
        if (!race || nodes.size() < 2) {
            return call(request);
        }
        List<CompletableFuture<AppProcess.Response>> answers = nodes.stream()
                .map(n -> CompletableFuture.supplyAsync(() -> {
                    requests.incrementAndGet();
                    inFlight.incrementAndGet();
                    try {
                        return request.apply(n);
                    } finally {
                        inFlight.decrementAndGet();
                    }
                }, racers)).toList();
        JsonNode success = null;
        for (var answer : answers) {
            try {
                var r = answer.join();
                if (r.ok()) {
                    success = r.body();
                } else {
                    contestedLosses.computeIfAbsent(r.status(), k -> new AtomicInteger()).incrementAndGet();
                }
            } catch (RuntimeException e) {
                failures.incrementAndGet();
            }
        }
        return success;
    }

    static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode item : array) {
            if (item.path(field).asString().equals(value)) {
                return item;
            }
        }
        return AppProcess.JSON.missingNode();
    }
}
