package io.matterflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.matterflow.MatterflowApplication;
import io.matterflow.action.ActionType;
import io.matterflow.action.Documents;
import io.matterflow.action.RoleScope;
import io.matterflow.audit.AuditLog;
import io.matterflow.audit.AuditVerification;
import io.matterflow.directory.Directory;
import io.matterflow.instance.InstanceDetails;
import io.matterflow.instance.Instances;
import io.matterflow.support.EnabledIfPostgres;
import io.matterflow.support.PostgresDatabase;
import io.matterflow.support.TestFirm;
import io.matterflow.support.Workflows;
import io.matterflow.template.Templates;

/**
 * The backup and restore of the README, end to end on PostgreSQL: a firm with a workflow, its audit events and
 * uploaded documents; {@code pg_dump} of the database, then a copy of the documents directory; {@code pg_restore}
 * into a fresh database; the application started on the restored database and the copied directory. The audit chain
 * verifies, every document opens with the same bytes, and the workflow reads the same. Both databases are dropped.
 */
@EnabledIfPostgres
@Timeout(300)
class BackupRestoreTests {

    static final String AUDIT_KEY = "backup-restore-test-key-" + UUID.randomUUID();

    @TempDir
    Path work;

    @Test
    void shouldRestoreTheDatabaseAndTheDocumentsSoThatTheChainVerifiesAndEveryDocumentOpens() throws Exception {
        String original = PostgresDatabase.fresh();
        String restored = PostgresDatabase.fresh();
        Path documents = work.resolve("documents");
        Path restoredDocuments = work.resolve("restored-documents");
        try {
            TestFirm firm;
            InstanceDetails workflow;
            Map<UUID, byte[]> uploaded = new LinkedHashMap<>();
            try (ConfigurableApplicationContext app = start(original, documents)) {
                firm = TestFirm.create(app.getBean(Directory.class));
                var workflows = new Workflows(app.getBean(Templates.class), app.getBean(Instances.class));
                var created = workflows.instance(firm, "Backed-up run",
                        Workflows.step("Collect the documents", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true),
                        Workflows.step("Review", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, false));
                var docs = app.getBean(Documents.class);
                for (int i = 1; i <= 3; i++) {
                    byte[] content = ("%PDF-1.4\n% document " + i + " " + UUID.randomUUID() + "\n")
                            .getBytes(StandardCharsets.UTF_8);
                    var info = docs.store(firm.orgId(), created.steps().get(0).id(), firm.owner().id(),
                            "evidence-" + i + ".pdf", "application/pdf", content);
                    uploaded.put(info.id(), content);
                }
                workflow = app.getBean(Instances.class).get(firm.as(firm.owner()), created.id());
                AuditVerification before = app.getBean(AuditLog.class).verify(firm.orgId());
                assertThat(before.valid()).isTrue();
                assertThat(before.eventsChecked()).isPositive();

                // the order of the README: the database first, then the documents
                run("/usr/bin/pg_dump", "--format=custom", "--no-owner", "--file=" + work.resolve("backup.dump"),
                        "--host=127.0.0.1", "--port=5432", "--username=" + PostgresDatabase.user(), name(original));
                copy(documents, restoredDocuments);
            }

            run("/usr/bin/pg_restore", "--no-owner", "--exit-on-error", "--host=127.0.0.1", "--port=5432",
                    "--username=" + PostgresDatabase.user(), "--dbname=" + name(restored),
                    work.resolve("backup.dump").toString());

            try (ConfigurableApplicationContext app = start(restored, restoredDocuments)) {
                AuditVerification after = app.getBean(AuditLog.class).verify(firm.orgId());
                assertThat(after.valid()).as(after.toString()).isTrue();
                assertThat(after.eventsChecked()).isPositive();
                var docs = app.getBean(Documents.class);
                for (var entry : uploaded.entrySet()) {
                    try (InputStream in = docs.open(firm.orgId(), entry.getKey())) {
                        assertThat(in.readAllBytes()).isEqualTo(entry.getValue());
                    }
                }
                assertThat(app.getBean(Instances.class).get(firm.as(firm.owner()), workflow.id()))
                        .isEqualTo(workflow);
            }
        } finally {
            drop(original);
            drop(restored);
        }
    }

    private static ConfigurableApplicationContext start(String database, Path documents) {
        List<String> properties = List.of("server.port=0",
                "spring.datasource.url=" + database,
                "spring.datasource.username=" + PostgresDatabase.user(),
                "spring.datasource.password=" + PostgresDatabase.password(),
                "matterflow.audit.hmac-key=" + AUDIT_KEY,
                "matterflow.security.bcrypt-strength=4",
                "matterflow.documents.storage-dir=" + documents,
                "matterflow.documents.quarantine-dir=" + documents.resolveSibling(documents.getFileName() + "-q"),
                "matterflow.scheduler.enabled=false",
                "matterflow.notifications.sender-enabled=false",
                "management.tracing.export.otlp.enabled=false");
        // as command-line arguments: default properties would lose to application.properties' H2 datasource
        return new SpringApplicationBuilder(MatterflowApplication.class).main(MatterflowApplication.class)
                .profiles("prod").run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
    }

    private static String name(String jdbcUrl) {
        return jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    }

    private static void copy(Path from, Path to) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(from)) {
            walk.forEach(files::add);
        }
        for (Path source : files) {
            Path target = to.resolve(from.relativize(source).toString());
            try {
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void drop(String database) {
        try (Connection c = DriverManager.getConnection(PostgresDatabase.server() + "postgres",
                PostgresDatabase.user(), PostgresDatabase.password()); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name(database) + " with (force)");
        } catch (Exception e) {
            // left for the next test run's clean-up of stale test databases
        }
    }
}
