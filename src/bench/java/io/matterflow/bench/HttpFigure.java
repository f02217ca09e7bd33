package io.matterflow.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.matterflow.directory.UserAccount;

/**
 * http: the 3-step workflow through the REST API with {@code clients} concurrent clients (each its own firm, its own
 * HTTP connection), authenticated with {@code auth=token} (personal API tokens: a SHA-256 and one indexed lookup per
 * request) or {@code auth=basic} (HTTP Basic: a BCrypt check per request, at the shipped cost of 10). Each transition's
 * latency is the client's: request, security, JSON, engine, commit, response.
 */
final class HttpFigure implements Figure {

    @Override
    public Map<String, Object> run(Options options) throws Exception {
        int clients = options.integer("clients", 16);
        String auth = options.get("auth", "token");
        Map<String, String> settings = new LinkedHashMap<>(options.app());
        if (auth.equals("basic")) {
            // Every client signs in from 127.0.0.1, and password checks in flight count against the address's budget
            // (so that parallel guesses cannot overrun it): room for each client's check, as a firm would configure
            // for a program behind one address that cannot use tokens.
            settings.putIfAbsent("matterflow.security.login.per-address.max-failures", String.valueOf(2 * clients));
        }
        BenchDatabase database = BenchDatabase.of(options.db());
        try (MatterflowApp app = MatterflowApp.start(database, settings)) {
            String base = "http://127.0.0.1:" + app.port();
            List<Client> all = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                all.add(new Client(base, new BenchFlow(app), auth));
            }
            var result = LoadLoop.run(clients, LoadLoop.Window.of(options, database),
                    all::get);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("db", options.db());
            m.put("clients", clients);
            m.put("auth", auth);
            if (!settings.isEmpty()) {
                m.put("settings", settings);
            }
            m.putAll(result.toMap("transitions", "instances"));
            m.remove("threads");
            // instantiate, the transitions, the upload
            m.put("requestsPerInstance", BenchFlow.TRANSITIONS_PER_INSTANCE + 2);
            return m;
        }
    }

    /** One API client: its own firm's lawyer, paralegal and client, and one HTTP/1.1 connection. */
    static final class Client implements LoadLoop.Unit {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        private final String base;
        private final BenchFlow flow;
        private final String lawyer;
        private final String paralegal;
        private final String client;

        Client(String base, BenchFlow flow, String auth) throws Exception {
            this.base = base;
            this.flow = flow;
            this.lawyer = credentials(flow.firm.owner(), auth);
            this.paralegal = credentials(flow.firm.paralegal(), auth);
            this.client = credentials(flow.firm.client(), auth);
        }

        private String credentials(UserAccount user, String auth) throws Exception {
            String basic = "Basic " + Base64.getEncoder().encodeToString((user.email() + ":pw")
                    .getBytes(StandardCharsets.UTF_8));
            return switch (auth) {
                case "basic" -> basic;
                case "token" -> "Bearer " + send(basic, "POST", "/api/me/tokens",
                        json(Map.of("name", "Benchmark", "expiresInDays", 1)), 201).path("token").asText();
                default -> throw new IllegalArgumentException("auth must be token or basic, not " + auth);
            };
        }

        @Override
        public void run(LoadLoop.Recorder r) throws Exception {
            JsonNode instance = send(lawyer, "POST", "/api/workflows/templates/" + flow.templateId + "/instantiate",
                    json(Map.of("matterId", flow.firm.matter().id(), "title", "Bench")), 201);
            String checklist = instance.path("steps").get(0).path("id").asText();
            String approval = instance.path("steps").get(1).path("id").asText();
            String document = instance.path("steps").get(2).path("id").asText();
            String s = "/api/workflows/steps/";
            r.op(() -> send(paralegal, "POST", s + checklist + "/claim", null, 200));
            r.op(() -> send(paralegal, "POST", s + checklist + "/start", null, 200));
            r.op(() -> send(paralegal, "POST", s + checklist + "/complete",
                    json(Map.of("checked", BenchFlow.ITEMS)), 200));
            r.op(() -> send(lawyer, "POST", s + approval + "/claim", null, 200));
            r.op(() -> send(lawyer, "POST", s + approval + "/start", null, 200));
            r.op(() -> send(lawyer, "POST", s + approval + "/complete",
                    json(Map.of("approved", true, "comment", "No conflict")), 200));
            r.op(() -> send(client, "POST", s + document + "/claim", null, 200));
            r.op(() -> send(client, "POST", s + document + "/start", null, 200));
            String uploaded = upload(client, s + document + "/documents").path("id").asText();
            JsonNode done = r.op(() -> send(client, "POST", s + document + "/complete",
                    json(Map.of("documentIds", List.of(uploaded))), 200));
            if (!done.path("actionState").asText().equals("COMPLETED")) {
                throw new IllegalStateException("the last step ended " + done.path("actionState"));
            }
        }

        private static String json(Object body) throws Exception {
            return Bench.JSON.writeValueAsString(body);
        }

        private JsonNode upload(String authorization, String path) throws Exception {
            String boundary = "----bench" + UUID.randomUUID().toString().replace("-", "");
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"passport.pdf\""
                    + "\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] body = new byte[head.length + BenchFlow.PDF.length + tail.length];
            System.arraycopy(head, 0, body, 0, head.length);
            System.arraycopy(BenchFlow.PDF, 0, body, head.length, BenchFlow.PDF.length);
            System.arraycopy(tail, 0, body, head.length + BenchFlow.PDF.length, tail.length);
            var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", authorization).header("Accept", "application/json")
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            return answer(http.send(request, HttpResponse.BodyHandlers.ofString()), 201, path);
        }

        private JsonNode send(String authorization, String method, String path, String body, int expected)
                throws Exception {
            var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", authorization).header("Accept", "application/json")
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body)).build();
            return answer(http.send(request, HttpResponse.BodyHandlers.ofString()), expected, path);
        }

        private static JsonNode answer(HttpResponse<String> response, int expected, String path) throws Exception {
            if (response.statusCode() != expected) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
            return Bench.JSON.readTree(response.body());
        }
    }
}
