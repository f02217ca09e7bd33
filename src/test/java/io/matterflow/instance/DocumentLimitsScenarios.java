package io.matterflow.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import io.matterflow.action.DocumentInfo;
import io.matterflow.action.DocumentProperties;
import io.matterflow.action.internal.UploadUsage;
import io.matterflow.audit.AuditEvent;
import io.matterflow.audit.AuditLog;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Directory;
import io.matterflow.support.TestFirm;
import io.matterflow.support.Workflows;

/**
 * Upload volume is bounded: per step by document count ({@code matterflow.documents.max-per-step}, 20) and bytes
 * ({@code max-bytes-per-step}, 50 MB), both 409; per person by bytes in any 24 hours
 * ({@code max-bytes-per-user-per-day}, 200 MB), 429 with {@code Retry-After}; each refusal a problem detail naming
 * its limit, and nothing stored. Uploads no completed step names are removed after {@code retention} (7 days) by
 * the cleanup, rows and files, audited, once however many nodes run it at the same time. Run on PostgreSQL and on
 * H2 by the subclasses.
 */
abstract class DocumentLimitsScenarios {

    static final long MB = 1024 * 1024;
    static final byte[] PDF = "%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @Autowired
    MockMvc mvc;
    @Autowired
    Directory directory;
    @Autowired
    StepRuntime runtime;
    @Autowired
    StepDocuments documents;
    @Autowired
    DocumentCleanup cleanup;
    @Autowired
    DocumentProperties properties;
    @Autowired
    UploadUsage uploadUsage;
    @Autowired
    AuditLog audit;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Workflows workflows;

    /**
     * The penetration test's case: five 20 MB uploads to one step. The first two fit the step's 50 MB; the other three
     * are refused with 409 naming {@code matterflow.documents.max-bytes-per-step}, its size and what the step has.
     */
    @Test
    void shouldRefuseUploadsBeyondTheStepsBytes() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        UUID step = workflows.documentRequest(firm);
        byte[] twentyMegabytes = new byte[(int) (20 * MB)];
        System.arraycopy(PDF, 0, twentyMegabytes, 0, PDF.length);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ResultActions result = upload(firm, step, "statement-" + i + ".pdf", twentyMegabytes);
            int status = result.andReturn().getResponse().getStatus();
            statuses.add(status);
            if (status == 409) {
                result.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                        .andExpect(jsonPath("$.title").value("Upload limit reached"))
                        .andExpect(jsonPath("$.limit").value("matterflow.documents.max-bytes-per-step"))
                        .andExpect(jsonPath("$.max").value(50 * MB))
                        .andExpect(jsonPath("$.current").value(40 * MB));
            }
        }
        assertThat(statuses).containsExactly(201, 201, 409, 409, 409);
        assertThat(rows(step)).isEqualTo(2);
        assertThat(filesOf(step)).hasSize(2).allSatisfy(file -> assertThat(file).exists().hasSize(20 * MB));
    }

    /** The 21st document of one step is refused with 409 naming {@code matterflow.documents.max-per-step}. */
    @Test
    void shouldRefuseUploadsBeyondTheStepsDocumentCount() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        UUID step = workflows.documentRequest(firm);
        for (int i = 0; i < 20; i++) {
            upload(firm, step, "page-" + i + ".pdf", PDF).andExpect(status().isCreated());
        }
        upload(firm, step, "page-20.pdf", PDF).andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.limit").value("matterflow.documents.max-per-step"))
                .andExpect(jsonPath("$.max").value(20))
                .andExpect(jsonPath("$.current").value(20));
        assertThat(rows(step)).isEqualTo(20);
        // another step of the same person still takes documents
        upload(firm, workflows.documentRequest(firm), "other.pdf", PDF).andExpect(status().isCreated());
    }

    /**
     * A person's uploads of the last 24 hours are bounded: with 200 MB less 100 KB uploaded two hours ago (and more
     * a day before, which no longer counts), a 50 KB upload fits and a 60 KB one is refused with 429, naming
     * {@code matterflow.documents.max-bytes-per-user-per-day}, with {@code Retry-After} when the earliest of those
     * uploads leaves the window: uploads count by the hour, for 24 hours after the hour they were made in, so in 22
     * to 23 hours.
     */
    @Test
    void shouldRefuseUploadsBeyondThePersonsDailyBytes() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        UUID earlier = workflows.documentRequest(firm);
        Instant now = Instant.now();
        insertDocument(firm, earlier, 200 * MB - 100 * 1024, now.minus(Duration.ofHours(2)));
        insertDocument(firm, earlier, 500 * MB, now.minus(Duration.ofHours(25)));
        UUID step = workflows.documentRequest(firm);

        upload(firm, step, "small.pdf", padded(50 * 1024)).andExpect(status().isCreated());
        String retryAfter = upload(firm, step, "more.pdf", padded(60 * 1024))
                .andExpect(status().isTooManyRequests())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.limit").value("matterflow.documents.max-bytes-per-user-per-day"))
                .andExpect(jsonPath("$.max").value(200 * MB))
                .andExpect(jsonPath("$.current").value(200 * MB - 50 * 1024))
                .andExpect(header().exists("Retry-After"))
                .andReturn().getResponse().getHeader("Retry-After");
        assertThat(Long.parseLong(retryAfter)).isBetween(Duration.ofHours(22).toSeconds(),
                Duration.ofHours(23).toSeconds() + 60);
        assertThat(rows(step)).isEqualTo(1);
    }

    /**
     * The cleanup removes what no completed step named once it is older than the retention — an upload its completed
     * step left out, one on a step still waiting, one quarantined — rows and files, each audited once as
     * {@code step.document-expired} by the system, although two nodes run the cleanup at the same moment. A document
     * a completed step named, and a recent one, stay. Naming a removed document afterwards is a 400, not a 500.
     */
    @Test
    void shouldRemoveUnsubmittedUploadsAfterTheRetentionOnceAcrossNodes() throws Exception {
        TestFirm firm = TestFirm.create(directory);
        Actor client = firm.as(firm.client());
        UUID completed = workflows.documentRequest(firm);
        UUID waiting = workflows.documentRequest(firm);
        runtime.start(client, completed);
        runtime.start(client, waiting);
        DocumentInfo named = documents.upload(client, completed, "named.pdf", "application/pdf", PDF);
        DocumentInfo leftOut = documents.upload(client, completed, "left-out.pdf", "application/pdf", PDF);
        runtime.complete(client, completed, Map.of("documentIds", List.of(named.id().toString())));
        DocumentInfo abandoned = documents.upload(client, waiting, "abandoned.pdf", "application/pdf", PDF);
        DocumentInfo infected = documents.upload(client, waiting, "infected.pdf", "application/pdf", PDF);
        documents.recordScan("mock", infected.id(), false);
        DocumentInfo recent = documents.upload(client, waiting, "recent.pdf", "application/pdf", PDF);
        assertThat(jdbc.queryForObject("select submitted_at from documents where id = ?", Timestamp.class,
                named.id())).isNotNull();
        Map<UUID, Path> files = new java.util.HashMap<>();
        for (DocumentInfo d : List.of(named, leftOut, abandoned, recent)) {
            files.put(d.id(), properties.storageDir().resolve(storageKey(d.id())));
        }
        files.put(infected.id(), properties.quarantineDir().resolve(storageKey(infected.id())));
        assertThat(files.values()).allSatisfy(file -> assertThat(file).exists());
        Instant old = Instant.now().minus(properties.retention()).minus(Duration.ofHours(1));
        for (DocumentInfo d : List.of(named, leftOut, abandoned, infected)) {
            jdbc.update("update documents set uploaded_at = ? where id = ?", Timestamp.from(old), d.id());
        }

        CountDownLatch go = new CountDownLatch(1);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int node = 0; node < 2; node++) {
                runs.add(nodes.submit(() -> {
                    go.await();
                    return cleanup.removeExpired();
                }));
            }
            go.countDown();
            for (Future<Integer> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            nodes.shutdownNow();
        }

        assertThat(jdbc.queryForList("select name from documents where org_id = ?", String.class, firm.orgId()))
                .containsExactlyInAnyOrder("named.pdf", "recent.pdf");
        for (DocumentInfo gone : List.of(leftOut, abandoned, infected)) {
            assertThat(files.get(gone.id())).doesNotExist();
        }
        assertThat(files.get(named.id())).exists();
        assertThat(files.get(recent.id())).exists();
        List<AuditEvent> expired = new ArrayList<>();
        for (UUID step : List.of(completed, waiting)) {
            audit.history(firm.orgId(), step).stream().filter(e -> e.action().equals("step.document-expired"))
                    .forEach(expired::add);
        }
        assertThat(expired).extracting(e -> e.metadata().get("name"))
                .containsExactlyInAnyOrder("left-out.pdf", "abandoned.pdf", "infected.pdf");
        assertThat(expired).allSatisfy(e -> assertThat(e.actorType()).isEqualTo("SYSTEM"));
        assertThat(audit.verify(firm.orgId()).valid()).isTrue();

        complete(firm, waiting, abandoned.id()).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("documentIds[0]"));
        complete(firm, waiting, recent.id()).andExpect(status().isOk())
                .andExpect(jsonPath("$.actionState").value("COMPLETED"));
        // a second run finds nothing more of this firm's
        cleanup.removeExpired();
        assertThat(jdbc.queryForObject("select count(*) from documents where org_id = ?", Long.class, firm.orgId()))
                .isEqualTo(2);
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private ResultActions upload(TestFirm firm, UUID step, String name, byte[] content) throws Exception {
        return mvc.perform(multipart("/api/workflows/steps/{id}/documents", step)
                .file(new MockMultipartFile("file", name, "application/pdf", content))
                .with(httpBasic(firm.client().email(), "pw")));
    }

    private ResultActions complete(TestFirm firm, UUID step, UUID document) throws Exception {
        return mvc.perform(post("/api/workflows/steps/{id}/complete", step)
                .with(httpBasic(firm.client().email(), "pw")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"documentIds\": [\"" + document + "\"]}"));
    }

    /** A PDF of exactly {@code size} bytes. */
    private static byte[] padded(int size) {
        byte[] content = new byte[size];
        System.arraycopy(PDF, 0, content, 0, PDF.length);
        return content;
    }

    /** A document row as if the client had uploaded {@code size} bytes at {@code at} (no file: it is never read). */
    private void insertDocument(TestFirm firm, UUID step, long size, Instant at) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into documents (id, org_id, step_id, name, content_type, size_bytes, sha256, storage_key,"
                        + " uploaded_by_id, uploaded_at, scan_status) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, firm.orgId(), step, "earlier.pdf", "application/pdf", size, "00".repeat(32),
                firm.orgId() + "/" + id, firm.client().id(), Timestamp.from(at), "UNSCANNED");
        uploadUsage.add(firm.client().id(), size, at);
    }

    private long rows(UUID step) {
        return jdbc.queryForObject("select count(*) from documents where step_id = ?", Long.class, step);
    }

    private List<Path> filesOf(UUID step) {
        return jdbc.queryForList("select storage_key from documents where step_id = ?", String.class, step).stream()
                .map(key -> properties.storageDir().resolve(key)).toList();
    }

    private String storageKey(UUID document) {
        return jdbc.queryForObject("select storage_key from documents where id = ?", String.class, document);
    }
}
