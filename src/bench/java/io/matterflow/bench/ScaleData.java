package io.matterflow.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import io.matterflow.action.ActionState;
import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.audit.AuditProperties;
import io.matterflow.common.Json;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Directory;
import io.matterflow.directory.Role;
import io.matterflow.directory.UserAccount;
import io.matterflow.template.PublishedTemplate;
import io.matterflow.template.StepDefinition;
import io.matterflow.template.TemplateStep;
import io.matterflow.template.Templates;

/**
 * The scale figure's firm, loaded fast. People and the published 6-step template are created through the services;
 * matters, instances, their steps and their audit trails are written straight into the tables (COPY on PostgreSQL,
 * JDBC batches on H2), as the engine would have left them:
 * <ul>
 * <li>20 lawyers, 20 paralegals and one client per 20 matters (500 for 10,000 matters). Matter {@code m} is owned by
 * lawyer {@code m % 20}, has paralegal {@code (m / 20) % 20} as member and client {@code m % clients}: each lawyer and
 * each paralegal is on 500 matters, each client on 20 (all with the same lawyer).</li>
 * <li>Instance {@code g} is on matter {@code g % matters} (10 per matter), created by the matter's owner. 55% are
 * COMPLETED (every step COMPLETED), 40% ACTIVE, 2% PAUSED, 3% CANCELED; an unfinished instance has its first
 * {@code 0..5} steps (uniformly) COMPLETED, its current step READY and unclaimed (40%), READY and claimed (20%),
 * IN_PROGRESS (35%) or BLOCKED (5%), and the later steps PENDING. Every step ever worked on is assigned to the
 * matter's performer for its role (owner, paralegal, client).</li>
 * <li>Each instance has its full audit trail (instance.create, step.ready, claim, start, complete, block,
 * instance.complete / status), about 20 events per instance, hash-chained with the application's audit key exactly as
 * {@code AuditLog} chains them (so that the audit verification holds), with its head on the instance's row.</li>
 * </ul>
 * The rows are the same on every run (seeded), but for the timestamps, which end now. Completed document requests name
 * documents that have no row (no file is stored): nothing the figure measures reads them.
 */
final class ScaleData {

    static final int LAWYERS = 20;
    static final int PARALEGALS = 20;
    static final int MATTERS_PER_CLIENT = 20;
    static final int STEPS = 6;
    private static final int CHUNK = 2000;
    private static final long SEED = 20_260_101L;

    static final List<String> OPENING_ITEMS = BenchFlow.ITEMS;
    static final List<String> PREPARATION_ITEMS = List.of("Documents indexed", "Deadlines calendared");

    /** The bench workflow's three steps (BenchFlow), then three more of the same kinds. */
    static List<StepDefinition> steps() {
        List<StepDefinition> steps = new java.util.ArrayList<>(BenchFlow.steps());
        steps.add(new StepDefinition("Engagement terms", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true,
                Map.of("approverRole", "LAWYER", "message", "Approve the fee arrangement and scope")));
        steps.add(new StepDefinition("Prepare the file", ActionType.CHECKLIST, RoleScope.PARALEGAL, true,
                Map.of("items", PREPARATION_ITEMS)));
        steps.add(new StepDefinition("Signed engagement letter", ActionType.REQUEST_DOC_CLIENT, RoleScope.CLIENT, true,
                Map.of("requestText", "Please upload the signed engagement letter", "acceptedTypes",
                        List.of("application/pdf"))));
        return steps;
    }

    /** A matter as loaded: its id and its performers. */
    record Matter(UUID id, UserAccount owner, UserAccount paralegal, UserAccount client) {

        UserAccount performer(RoleScope scope) {
            return switch (scope) {
                case LAWYER -> owner;
                case PARALEGAL -> paralegal;
                case CLIENT -> client;
                case ADMIN -> throw new IllegalArgumentException("no ADMIN steps in the scale workflow");
            };
        }
    }

    /** A READY, unclaimed step of an ACTIVE instance: what the transitions are measured on. */
    record ReadyStep(UUID id, int order, RoleScope scope, ActionType type, Matter matter) {
    }

    /** What the bulk load wrote. */
    record Loaded(long instances, long steps, long auditEvents, double seconds, Map<String, Double> breakdown) {
    }

    final UUID orgId;
    final UserAccount admin;
    final List<UserAccount> lawyers = new ArrayList<>();
    final List<UserAccount> paralegals = new ArrayList<>();
    final List<UserAccount> clients = new ArrayList<>();
    final List<Matter> matters = new ArrayList<>();
    final List<ReadyStep> readySteps = new ArrayList<>();
    final PublishedTemplate template;

    private final DataSource dataSource;
    private final boolean postgres;
    private final String hmacKey;

    /** The organization, its people and the published template, through the services. */
    ScaleData(MatterflowApp app, int matterCount) {
        this.dataSource = app.bean(DataSource.class);
        this.postgres = app.database.postgres();
        this.hmacKey = app.bean(AuditProperties.class).hmacKey();
        Directory directory = app.bean(Directory.class);
        this.orgId = directory.createOrganization("Scale & Partners");
        this.admin = directory.createUser(orgId, "admin@scale.test", "Ada Admin", Role.ADMIN, "pw");
        for (int i = 1; i <= LAWYERS; i++) {
            lawyers.add(directory.createUser(orgId, "lawyer%02d@scale.test".formatted(i), "Lawyer %02d".formatted(i),
                    Role.LAWYER, "pw"));
        }
        for (int i = 1; i <= PARALEGALS; i++) {
            paralegals.add(directory.createUser(orgId, "paralegal%02d@scale.test".formatted(i),
                    "Paralegal %02d".formatted(i), Role.PARALEGAL, "pw"));
        }
        int clientCount = Math.max(1, (matterCount + MATTERS_PER_CLIENT - 1) / MATTERS_PER_CLIENT);
        for (int i = 1; i <= clientCount; i++) {
            clients.add(directory.createUser(orgId, "client%05d@scale.test".formatted(i), "Client %05d".formatted(i),
                    Role.CLIENT, "pw"));
        }
        Templates templates = app.bean(Templates.class);
        Actor author = Actor.user(admin);
        var created = templates.create(author, "Client onboarding", "New matter intake, six steps", steps());
        templates.publish(author, created.id());
        this.template = templates.forInstantiation(orgId, created.id(), null);
    }

    /** The matters and their paralegal members. */
    void loadMatters(int count) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant first = now.minus(Duration.ofDays(3 * 365));
        long spacing = Duration.ofDays(3 * 365).toSeconds() / Math.max(1, count);
        BulkRows rows = new BulkRows("matters",
                "id, org_id, reference, title, owner_id, client_id, created_at, updated_at, version");
        BulkRows members = new BulkRows("matter_members", "matter_id, user_id, role, added_at");
        SplittableRandom random = new SplittableRandom(SEED);
        for (int m = 0; m < count; m++) {
            var matter = new Matter(uuid(random), lawyers.get(m % LAWYERS), paralegals.get((m / LAWYERS) % PARALEGALS),
                    clients.get(m % clients.size()));
            matters.add(matter);
            Instant created = first.plusSeconds(m * spacing);
            rows.add(matter.id(), orgId, "M-%05d".formatted(m + 1),
                    "%s: matter %d".formatted(matter.client().displayName(), m / clients.size() + 1),
                    matter.owner().id(), matter.client().id(), created, created, 1L);
            members.add(matter.id(), matter.paralegal().id(), "PARALEGAL", created);
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            rows.writeTo(c, postgres);
            members.writeTo(c, postgres);
            c.commit();
        }
    }

    /** One chunk of instances with everything that belongs to them, ready to write. */
    private static final class Chunk {
        final BulkRows instances = new BulkRows("workflow_instances", "id, org_id, template_id, matter_id,"
                + " template_version, title, status, created_by_id, created_at, updated_at, completed_at, version,"
                + " audit_seq, audit_hash");
        final BulkRows steps = new BulkRows("workflow_instance_steps", "id, instance_id, org_id, template_step_id,"
                + " step_order, title, action_type, role_scope, required, action_config, action_state, action_data,"
                + " assigned_to_id, started_at, completed_at, updated_at, version, matter_id, instance_status",
                "action_config", "action_data");
        final BulkRows events = new BulkRows("audit_events", "id, org_id, stream_id, seq, occurred_at, actor_type,"
                + " actor_id, actor_name, action, entity_type, entity_id, from_state, to_state, metadata, request_id,"
                + " prev_hash, hash", "metadata");
        final List<ReadyStep> ready = new ArrayList<>();
        final boolean last;

        Chunk(boolean last) {
            this.last = last;
        }
    }

    /**
     * The instances, steps and audit events: generated on one thread, written on this one, chunk by chunk
     * (one transaction each). On PostgreSQL the bulk-loaded tables' secondary indexes are dropped first and built again
     * afterwards from their own definitions (building an index once is much faster than maintaining it row by row),
     * and the load's session skips the foreign-key triggers when it may ({@code session_replication_role = replica},
     * superusers only): the rows are consistent by construction.
     */
    Loaded loadInstances(int count) throws Exception {
        long started = System.nanoTime();
        long[] generating = new long[1];
        long[] writing = new long[4];
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(3);
        Thread producer = new Thread(() -> {
            try {
                Generator generator = new Generator();
                for (int from = 0; from < count; from += CHUNK) {
                    long t = System.nanoTime();
                    int to = Math.min(count, from + CHUNK);
                    Chunk chunk = new Chunk(to == count);
                    for (int g = from; g < to; g++) {
                        generator.instance(g, chunk);
                    }
                    generating[0] += System.nanoTime() - t;
                    queue.put(chunk);
                }
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            } catch (Throwable e) {
                queue.offer(e);
            }
        }, "scale-generator");
        producer.setDaemon(true);
        long instances = 0;
        long steps = 0;
        long events = 0;
        List<String> deferredIndexes = postgres ? dropSecondaryIndexes() : List.of();
        producer.start();
        try (Connection c = dataSource.getConnection()) {
            if (postgres) {
                try (Statement s = c.createStatement()) {
                    s.execute("set synchronous_commit = off");
                    try {
                        s.execute("set session_replication_role = replica");
                    } catch (java.sql.SQLException notSuperuser) {
                        // foreign keys are then checked row by row: slower, same result
                    }
                }
            }
            c.setAutoCommit(false);
            try {
                for (boolean last = count == 0; !last; ) {
                    Object next = queue.take();
                    if (next instanceof Throwable e) {
                        throw new IllegalStateException("generating the instances failed", e);
                    }
                    Chunk chunk = (Chunk) next;
                    instances += chunk.instances.size();
                    steps += chunk.steps.size();
                    events += chunk.events.size();
                    long t0 = System.nanoTime();
                    chunk.instances.writeTo(c, postgres);
                    long t1 = System.nanoTime();
                    chunk.steps.writeTo(c, postgres);
                    long t2 = System.nanoTime();
                    chunk.events.writeTo(c, postgres);
                    long t3 = System.nanoTime();
                    c.commit();
                    writing[0] += t1 - t0;
                    writing[1] += t2 - t1;
                    writing[2] += t3 - t2;
                    writing[3] += System.nanoTime() - t3;
                    readySteps.addAll(chunk.ready);
                    last = chunk.last;
                }
            } finally {
                producer.interrupt();
                c.rollback();
                if (postgres) {
                    try (Statement s = c.createStatement()) {
                        s.execute("reset session_replication_role");
                        s.execute("reset synchronous_commit");
                    }
                    c.commit();
                }
            }
        }
        long indexing = System.nanoTime();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String definition : deferredIndexes) {
                s.execute(definition);
            }
        }
        Map<String, Double> breakdown = new LinkedHashMap<>();
        breakdown.put("generatingInParallel", generating[0] / 1e9);
        breakdown.put("writingInstances", writing[0] / 1e9);
        breakdown.put("writingSteps", writing[1] / 1e9);
        breakdown.put("writingAuditEvents", writing[2] / 1e9);
        breakdown.put("committing", writing[3] / 1e9);
        breakdown.put("buildingIndexes", (System.nanoTime() - indexing) / 1e9);
        return new Loaded(instances, steps, events, (System.nanoTime() - started) / 1e9, breakdown);
    }

    private static final List<String> BULK_TABLES = List.of("workflow_instances", "workflow_instance_steps",
            "audit_events");

    /**
     * Drops the bulk-loaded tables' secondary indexes (those that back no constraint) and returns their definitions,
     * so that they are built once after the load instead of row by row (PostgreSQL).
     */
    private List<String> dropSecondaryIndexes() throws Exception {
        List<String> definitions = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (var rs = s.executeQuery("select indexname, indexdef from pg_indexes where schemaname = current_schema()"
                    + " and tablename in ('" + String.join("', '", BULK_TABLES) + "')"
                    + " and indexname not in (select conname from pg_constraint)")) {
                List<String> names = new ArrayList<>();
                while (rs.next()) {
                    names.add(rs.getString(1));
                    definitions.add(rs.getString(2));
                }
                rs.close();
                for (String name : names) {
                    s.execute("drop index " + name);
                }
            }
        }
        return definitions;
    }

    /**
     * What autovacuum does after a bulk load, before anyone reads: on PostgreSQL {@code VACUUM (ANALYZE)}, which
     * gathers the planner's statistics and marks the loaded pages all-visible with their rows' hint bits set (left to
     * the first readers, that work falls on the measured queries, each read dirtying pages); on H2 {@code ANALYZE}.
     */
    void vacuumAndAnalyze() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(postgres ? "vacuum (analyze)" : "analyze");
        }
    }

    /** Makes each instance's rows; runs on the generator thread only. */
    private final class Generator {

        private final Mac mac;
        private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        private final UUID templateId = template.templateId();
        private final int templateVersion = template.version();
        private final List<TemplateStep> templateSteps = template.steps();
        private final List<BulkRows.JsonText> configs = new ArrayList<>();
        private final BulkRows.JsonText empty = new BulkRows.JsonText("{}");

        // the instance being generated
        private UUID instanceId;
        private UUID matterId;
        private String instanceStatus;
        private long seq;
        private String prevHash;
        private Instant clock;
        private Instant limit;
        private Chunk chunk;
        private SplittableRandom random;

        Generator() throws Exception {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hmacKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            if (templateSteps.size() != STEPS) {
                throw new IllegalStateException("the published template has " + templateSteps.size() + " steps");
            }
            for (TemplateStep step : templateSteps) {
                configs.add(new BulkRows.JsonText(Json.MAPPER.writeValueAsString(step.actionConfig())));
            }
        }

        void instance(int g, Chunk chunk) {
            this.chunk = chunk;
            random = new SplittableRandom(SEED * 31 + g);
            Matter matter = matters.get(g % matters.size());
            instanceId = uuid(random);
            seq = 0;
            prevHash = "0".repeat(64);
            int roll = random.nextInt(100);
            String status = roll < 55 ? "COMPLETED" : roll < 95 ? "ACTIVE" : roll < 97 ? "PAUSED" : "CANCELED";
            matterId = matter.id();
            instanceStatus = status;
            boolean completed = status.equals("COMPLETED");
            int done = completed ? STEPS : random.nextInt(STEPS);
            int currentRoll = random.nextInt(100);
            ActionState current = currentRoll < 60 ? ActionState.READY
                    : currentRoll < 95 ? ActionState.IN_PROGRESS : ActionState.BLOCKED;
            boolean claimed = currentRoll >= 40;
            Instant created = completed ? now.minus(Duration.ofMinutes(random.nextLong(45 * 1440, 730 * 1440)))
                    : now.minus(Duration.ofMinutes(random.nextLong(1440, 60 * 1440)));
            clock = created;
            limit = now.minusSeconds(1);
            String title = "Client onboarding #" + (g / matters.size() + 1);
            UserAccount owner = matter.owner();

            event(owner, "instance.create", "INSTANCE", instanceId, null, "ACTIVE", Map.of("templateId",
                    templateId.toString(), "templateVersion", templateVersion, "matterId", matter.id().toString(),
                    "steps", STEPS));
            UUID[] ids = new UUID[STEPS];
            for (int k = 0; k < STEPS; k++) {
                ids[k] = uuid(random);
            }
            for (int k = 0; k < STEPS; k++) {
                TemplateStep t = templateSteps.get(k);
                UserAccount performer = matter.performer(t.roleScope());
                if (k > done) {
                    step(ids[k], k, "PENDING", empty, null, null, null, created, 0);
                    continue;
                }
                event(null, "step.ready", "STEP", ids[k], "PENDING", "READY", meta(t, null));
                Instant readyAt = clock;
                if (k == done && current == ActionState.READY && !claimed) {
                    step(ids[k], k, "READY", empty, null, null, null, readyAt, 1);
                    if (status.equals("ACTIVE")) {
                        chunk.ready.add(new ReadyStep(ids[k], k, t.roleScope(), t.actionType(), matter));
                    }
                    continue;
                }
                event(performer, "step.claim", "STEP", ids[k], "READY", "READY", meta(t, performer));
                if (k == done && current == ActionState.READY) {
                    step(ids[k], k, "READY", empty, performer.id(), null, null, clock, 2);
                    continue;
                }
                Instant startedAt = event(performer, "step.start", "STEP", ids[k], "READY", "IN_PROGRESS",
                        meta(t, performer));
                Map<String, Object> data = new LinkedHashMap<>();
                if (t.actionType() == ActionType.REQUEST_DOC_CLIENT) {
                    data.put("requestText", t.actionConfig().get("requestText"));
                    data.put("requestOpenedAt", startedAt.toString());
                }
                if (k == done && current == ActionState.IN_PROGRESS) {
                    step(ids[k], k, "IN_PROGRESS", json(data), performer.id(), startedAt, null, startedAt, 3);
                    continue;
                }
                if (k == done) {
                    Map<String, Object> blockMeta = meta(t, performer);
                    blockMeta.put("reason", "Waiting for the client's reply");
                    Instant blockedAt = event(performer, "step.block", "STEP", ids[k], "IN_PROGRESS", "BLOCKED",
                            blockMeta);
                    data.put("blockedReason", "Waiting for the client's reply");
                    step(ids[k], k, "BLOCKED", json(data), performer.id(), startedAt, null, blockedAt, 4);
                    continue;
                }
                Map<String, Object> payload = new LinkedHashMap<>();
                Instant completedAt = next();
                switch (t.actionType().name()) {
                    case "CHECKLIST" -> {
                        payload.put("checked", t.actionConfig().get("items"));
                        data.put("checked", t.actionConfig().get("items"));
                        data.put("checkedAt", completedAt.toString());
                    }
                    case "APPROVAL_LAWYER" -> {
                        payload.put("approved", true);
                        payload.put("comment", "Approved");
                        data.put("approved", true);
                        data.put("comment", "Approved");
                        data.put("decidedBy", performer.id().toString());
                        data.put("decidedAt", completedAt.toString());
                    }
                    case "REQUEST_DOC_CLIENT" -> {
                        List<String> documents = List.of(uuid(random).toString());
                        payload.put("documentIds", documents);
                        data.put("documentIds", documents);
                        data.put("submittedAt", completedAt.toString());
                    }
                    default -> throw new IllegalStateException("unexpected " + t.actionType());
                }
                Map<String, Object> completeMeta = meta(t, performer);
                completeMeta.put("payload", payload);
                eventAt(completedAt, performer, "step.complete", "STEP", ids[k], "IN_PROGRESS", "COMPLETED",
                        completeMeta);
                step(ids[k], k, "COMPLETED", json(data), performer.id(), startedAt, completedAt, completedAt, 4);
            }
            Instant completedAt = null;
            if (completed) {
                completedAt = event(null, "instance.complete", "INSTANCE", instanceId, "ACTIVE", "COMPLETED",
                        Map.of());
            } else if (!status.equals("ACTIVE")) {
                event(owner, "instance.status", "INSTANCE", instanceId, "ACTIVE", status, Map.of());
            }
            chunk.instances.add(instanceId, orgId, templateId, matter.id(), templateVersion, title, status,
                    owner.id(), created, clock, completedAt, seq - 1, seq, prevHash);
        }

        private void step(UUID id, int k, String state, BulkRows.JsonText data, UUID assignee, Instant startedAt,
                          Instant completedAt, Instant updatedAt, long version) {
            TemplateStep t = templateSteps.get(k);
            chunk.steps.add(id, instanceId, orgId, t.id(), k, t.title(), t.actionType().name(), t.roleScope().name(),
                    true, configs.get(k), state, data, assignee, startedAt, completedAt, updatedAt, version, matterId,
                    instanceStatus);
        }

        private Map<String, Object> meta(TemplateStep t, UserAccount assignee) {
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("actionType", t.actionType().name());
            meta.put("title", t.title());
            if (assignee != null) {
                meta.put("assignedToId", assignee.id().toString());
            }
            return meta;
        }

        /** The time of the next event: minutes to hours after the previous one, never in the future. */
        private Instant next() {
            long micros = random.nextLong(5 * 60_000_000L, 16 * 3600_000_000L);
            Instant at = clock.plus(micros, ChronoUnit.MICROS);
            clock = at.isAfter(limit) ? clock.plus(1, ChronoUnit.MICROS) : at;
            return clock;
        }

        private Instant event(UserAccount user, String action, String entityType, UUID entityId, String from,
                              String to, Map<String, Object> metadata) {
            return eventAt(next(), user, action, entityType, entityId, from, to, metadata);
        }

        /** One audit event, chained to the stream's previous one as AuditLog chains them (a null user: the system). */
        private Instant eventAt(Instant at, UserAccount user, String action, String entityType, UUID entityId,
                                String from, String to, Map<String, Object> metadata) {
            UUID id = uuid(random);
            long s = ++seq;
            String actorType = user == null ? "SYSTEM" : "USER";
            String actorId = user == null ? "system" : user.id().toString();
            String actorName = user == null ? "system" : user.displayName();
            String canonicalMetadata = Json.canonical(metadata);
            String canonical = String.join("\n", id.toString(), orgId.toString(), instanceId.toString(),
                    Long.toString(s), Long.toString(at.getEpochSecond()) + "." + at.getNano(), actorType, actorId,
                    actorName, action, entityType, entityId.toString(), String.valueOf(from), String.valueOf(to),
                    canonicalMetadata, "null", prevHash);
            String hash = HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
            chunk.events.add(id, orgId, instanceId, s, at, actorType, actorId, actorName, action, entityType, entityId,
                    from, to, new BulkRows.JsonText(canonicalMetadata), null, prevHash, hash);
            prevHash = hash;
            return at;
        }

        private BulkRows.JsonText json(Map<String, Object> data) {
            return data.isEmpty() ? empty : new BulkRows.JsonText(Json.canonical(data));
        }
    }

    /** A version 4 UUID from the seeded generator: the same data on every run. */
    static UUID uuid(SplittableRandom random) {
        long hi = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(hi, lo);
    }
}
