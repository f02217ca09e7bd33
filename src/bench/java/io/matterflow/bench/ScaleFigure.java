package io.matterflow.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.springframework.data.domain.Pageable;

import io.matterflow.action.ActionState;
import io.matterflow.action.ActionType;
import io.matterflow.audit.AuditLog;
import io.matterflow.common.web.Paging;
import io.matterflow.directory.Actor;
import io.matterflow.directory.UserAccount;
import io.matterflow.instance.Inbox;
import io.matterflow.instance.Instances;
import io.matterflow.instance.StepDetails;
import io.matterflow.instance.StepRuntime;

/**
 * scale: Matterflow with {@code instances} instances of a 6-step workflow (6 steps each) on {@code matters} matters
 * loaded ({@link ScaleData}) and vacuumed as autovacuum would after a bulk load (and during the measurements,
 * {@link AutoVacuum}), then, at the service layer (the calls the REST controllers make, as a user with the
 * permissions), single-threaded, {@code warmup} unmeasured calls and {@code samples} measured ones of each of:
 * <ul>
 * <li>{@code instanceList}: a random matter's instances (first page of 20, each with its steps), as its owner;</li>
 * <li>{@code inbox}: a random performer's inbox (first page of 20, default states, claimable steps included),
 * lawyers, paralegals and clients in turn ({@code inboxByRole} splits it);</li>
 * <li>{@code transition}: claiming a random READY step of an ACTIVE instance by its performer, a different step each
 * time;</li>
 * <li>{@code transitionComplete}: completing a random READY checklist step (start and complete at once, the next
 * step becoming READY), a different step each time.</li>
 * </ul>
 * p50, p99 and max in ms each. Then the SELECTs of one more call of each (and of a client's inbox), captured on the
 * JDBC connection with their parameters, are run again under {@code EXPLAIN (ANALYZE, BUFFERS)} (PostgreSQL) or
 * {@code EXPLAIN ANALYZE} (H2) with those parameters ({@code sql}, {@code plans}, keyed operation.n);
 * {@code indexUsed} says whether a plan stays off sequential scans of the tables that grow with the data
 * ({@code seqScans} names the scanned ones; at smoke sizes the planner rightly scans the then small tables).
 * Options: {@code instances=100000 matters=10000 samples=2000 warmup=500}, {@code verifyAudit=true} to check the
 * loaded audit chains with {@code AuditLog.verify} (slow at full size: not part of the figure). Sign-in is not
 * measured, so the figure's people get the lowest BCrypt cost.
 */
final class ScaleFigure implements Figure {

    static final double TARGET_P99_MS = 20;
    /** The tables that grow with the firm: a sequential scan of one of them is a plan that does not scale. */
    static final Set<String> GROWING_TABLES = Set.of("workflow_instances", "workflow_instance_steps", "audit_events",
            "audit_heads", "matters", "matter_members", "event_publication", "notifications");
    private static final Pattern POSTGRES_SEQ_SCAN = Pattern.compile("Seq Scan on (\\w+)");
    private static final Pattern H2_TABLE_SCAN = Pattern.compile("(?i)(\\w+)\\.tableScan");

    @Override
    public Map<String, Object> run(Options options) throws Exception {
        int instanceCount = options.integer("instances", 100_000);
        int matterCount = options.integer("matters", 10_000);
        int samples = options.integer("samples", 2000);
        int warmup = options.integer("warmup", 500);
        if (matterCount < 1 || instanceCount < matterCount || samples < 1) {
            throw new IllegalArgumentException("need matters >= 1, instances >= matters and samples >= 1");
        }
        BenchDatabase database = BenchDatabase.of(options.db());
        // sign-in is not measured: the lowest BCrypt cost (as the tests use) keeps creating 540 people quick
        try (MatterflowApp app = MatterflowApp.start(database, Map.of("matterflow.security.bcrypt-strength", "4"),
                new SqlCounter())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("db", database.kind());

            long started = System.nanoTime();
            ScaleData data = new ScaleData(app, matterCount);
            double peopleSeconds = seconds(started);
            long mattersStarted = System.nanoTime();
            data.loadMatters(matterCount);
            double mattersSeconds = seconds(mattersStarted);
            ScaleData.Loaded loaded = data.loadInstances(instanceCount);
            long vacuumStarted = System.nanoTime();
            data.vacuumAndAnalyze();
            // the load's dirty pages are written now, not while the operations are measured, as before every figure
            database.checkpoint();
            double vacuumSeconds = seconds(vacuumStarted);
            double loadSeconds = seconds(started);
            System.out.printf(Locale.ROOT, "[scale] loaded %d instances, %d steps, %d audit events on %d matters"
                            + " in %.1f s%n", loaded.instances(), loaded.steps(), loaded.auditEvents(), matterCount,
                    loadSeconds);

            m.put("instances", loaded.instances());
            m.put("steps", loaded.steps());
            m.put("matters", data.matters.size());
            m.put("auditEvents", loaded.auditEvents());
            m.put("people", Map.of("lawyers", data.lawyers.size(), "paralegals", data.paralegals.size(),
                    "clients", data.clients.size()));
            m.put("loadSeconds", Bench.round(loadSeconds));
            Map<String, Object> breakdown = new LinkedHashMap<>();
            breakdown.put("peopleAndTemplate", Bench.round(peopleSeconds));
            breakdown.put("matters", Bench.round(mattersSeconds));
            breakdown.put("instancesStepsAudit", Bench.round(loaded.seconds()));
            loaded.breakdown().forEach((k, v) -> breakdown.put(k, Bench.round(v)));
            breakdown.put("vacuumAnalyzeAndCheckpoint", Bench.round(vacuumSeconds));
            m.put("loadBreakdownSeconds", breakdown);
            m.put("instanceStatuses", counts(app, "select status, count(*) from workflow_instances group by status"
                    + " order by status"));
            m.put("stepStates", counts(app, "select action_state, count(*) from workflow_instance_steps"
                    + " group by action_state order by action_state"));
            if (options.flag("verifyAudit")) {
                var verification = app.bean(AuditLog.class).verify(data.orgId);
                m.put("auditVerified", verification.valid());
                m.put("auditEventsVerified", verification.eventsChecked());
            }

            Measurements measurements = new Measurements(app, data, new Random(42), database.postgres());
            try (AutoVacuum vacuum = AutoVacuum.on(database, AutoVacuum.naptime(options))) {
                m.putAll(measurements.run(warmup, samples));
                m.put("autovacuum", vacuum.summary());
            }
            m.put("targetP99Ms", TARGET_P99_MS);
            Map<String, Boolean> within = new LinkedHashMap<>();
            for (String op : List.of("instanceList", "inbox", "transition")) {
                @SuppressWarnings("unchecked")
                var stats = (Map<String, Object>) m.get(op);
                within.put(op, ((Number) stats.get("p99Ms")).doubleValue() < TARGET_P99_MS);
            }
            m.put("withinTarget", within);
            return m;
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** A {@code select key, count(*) ... group by key} as a map. */
    private static Map<String, Object> counts(MatterflowApp app, String sql) throws Exception {
        Map<String, Object> counts = new LinkedHashMap<>();
        try (Connection c = app.bean(DataSource.class).getConnection();
             var s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    /**
     * Latencies of one operation, and apart those of the calls no garbage-collection pause overlapped: a pause stops
     * the call however fast its queries are, so the two tails tell the queries' share of a slow call from the JVM's.
     */
    static final class Latencies {
        private long[] nanos = new long[1024];
        private int size;
        private long[] unpaused = new long[1024];
        private int unpausedSize;

        void add(long elapsed, boolean paused) {
            nanos = put(nanos, size++, elapsed);
            if (!paused) {
                unpaused = put(unpaused, unpausedSize++, elapsed);
            }
        }

        /** {@code values} with {@code value} at {@code index}, grown when full. */
        private static long[] put(long[] values, int index, long value) {
            long[] into = index < values.length ? values : Arrays.copyOf(values, values.length * 2);
            into[index] = value;
            return into;
        }

        Map<String, Object> toMap() {
            long[] sorted = Arrays.copyOf(nanos, size);
            Arrays.sort(sorted);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("p50Ms", Bench.round(LoadLoop.percentile(sorted, 0.50)));
            m.put("p99Ms", Bench.round(LoadLoop.percentile(sorted, 0.99)));
            m.put("maxMs", Bench.round(size == 0 ? 0 : sorted[size - 1] / 1e6));
            m.put("samples", size);
            long[] calm = Arrays.copyOf(unpaused, unpausedSize);
            Arrays.sort(calm);
            m.put("samplesOverlappingGcPause", size - unpausedSize);
            m.put("p99WithoutGcPauseMs", Bench.round(LoadLoop.percentile(calm, 0.99)));
            return m;
        }

        /** How many stop-the-world collections the JVM has made so far (young and full, not concurrent cycles). */
        static long gcPauses() {
            long count = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (!gc.getName().contains("Concurrent")) {
                    count += Math.max(0, gc.getCollectionCount());
                }
            }
            return count;
        }
    }

    /** The measured calls and the plans of what they ran. */
    private static final class Measurements {

        private final MatterflowApp app;
        private final ScaleData data;
        private final Random random;
        private final Instances instances;
        private final Inbox inbox;
        private final StepRuntime runtime;
        private final Pageable firstPage = Paging.of(null, null);
        private final boolean postgres;
        private final Map<String, Object> blocks = new LinkedHashMap<>();
        private long errors;
        private String firstError;

        Measurements(MatterflowApp app, ScaleData data, Random random, boolean postgres) {
            this.app = app;
            this.postgres = postgres;
            this.data = data;
            this.random = random;
            this.instances = app.bean(Instances.class);
            this.inbox = app.bean(Inbox.class);
            this.runtime = app.bean(StepRuntime.class);
        }

        Map<String, Object> run(int warmup, int samples) throws Exception {
            Map<String, Object> m = new LinkedHashMap<>();

            // the READY steps the transitions use, each once: checklists for completing, the others for claiming
            List<ScaleData.ReadyStep> ready = new ArrayList<>(data.readySteps);
            Collections.shuffle(ready, random);
            List<ScaleData.ReadyStep> checklists = new ArrayList<>();
            List<ScaleData.ReadyStep> others = new ArrayList<>();
            for (var step : ready) {
                (step.type() == ActionType.CHECKLIST ? checklists : others).add(step);
            }
            if (checklists.size() < samples + 1 || others.size() < samples + 1) {
                throw new IllegalStateException("only " + ready.size() + " READY steps for " + samples
                        + " samples of each transition: load more instances or take fewer samples");
            }
            // one of each kind is kept for capturing the statements
            ScaleData.ReadyStep completePlanStep = checklists.remove(checklists.size() - 1);
            ScaleData.ReadyStep claimPlanStep = others.remove(others.size() - 1);
            int completeWarmup = Math.min(warmup, checklists.size() - samples);
            List<ScaleData.ReadyStep> completing = new ArrayList<>(checklists.subList(0, completeWarmup + samples));
            List<ScaleData.ReadyStep> claiming = new ArrayList<>(others);
            claiming.addAll(checklists.subList(completeWarmup + samples, checklists.size()));
            int claimWarmup = Math.max(0, Math.min(warmup, claiming.size() - samples));

            long[] before = blocks();
            m.put("instanceList", time(warmup, samples, i -> {
                var matter = data.matters.get(random.nextInt(data.matters.size()));
                var page = instances.forMatter(Actor.user(matter.owner()), matter.id(), firstPage);
                check(page.getNumberOfElements() > 0, "matter " + matter.id() + " lists no instance");
            }).toMap());
            before = blocksSince("instanceList", before);

            Latencies[] byRole = {new Latencies(), new Latencies(), new Latencies()};
            long[] totals = new long[3];
            long[] machine = CpuMeter.machineTicks();
            Latencies all = time(warmup, samples, i -> {
                int role = i % 3;
                Actor actor = Actor.user(performer(role));
                long pauses = Latencies.gcPauses();
                long start = System.nanoTime();
                var page = inbox.of(actor, false, null, firstPage);
                long elapsed = System.nanoTime() - start;
                if (i >= warmup) {
                    byRole[role].add(elapsed, Latencies.gcPauses() != pauses);
                    totals[role] += page.getTotalElements();
                }
            });
            Map<String, Object> inboxStats = all.toMap();
            inboxStats.putAll(CpuMeter.shares(CpuMeter.since(machine)));
            m.put("inbox", inboxStats);
            before = blocksSince("inbox", before);
            Map<String, Object> roles = new LinkedHashMap<>();
            String[] names = {"lawyer", "paralegal", "client"};
            for (int r = 0; r < 3; r++) {
                Map<String, Object> stats = byRole[r].toMap();
                int count = (Integer) stats.get("samples");
                stats.put("meanInboxSize", count == 0 ? 0 : Bench.round((double) totals[r] / count));
                roles.put(names[r], stats);
            }
            m.put("inboxByRole", roles);

            m.put("transition", time(claimWarmup, samples, i -> {
                var step = claiming.get(i);
                UserAccount performer = step.matter().performer(step.scope());
                StepDetails claimed = runtime.claim(Actor.user(performer), step.id());
                check(performer.id().equals(claimed.assignedToId()), "step " + step.id() + " was not claimed");
            }).toMap());
            before = blocksSince("transition", before);

            m.put("transitionComplete", time(completeWarmup, samples, i -> complete(completing.get(i))).toMap());
            blocksSince("transitionComplete", before);
            if (postgres) {
                m.put("postgresBlocks", blocks);
            }

            m.put("errors", errors);
            if (firstError != null) {
                m.put("firstError", firstError);
            }
            m.putAll(plans(claimPlanStep, completePlanStep));
            return m;
        }

        /**
         * PostgreSQL's counts so far: the figure's database's block reads {@code [read from outside its shared buffers,
         * found in them]}, then the server's checkpoints and the buffers they and the backends wrote; nothing on H2. A
         * backend reports its counts at most once a second, so this waits two first.
         */
        private long[] blocks() throws Exception {
            if (!postgres) {
                return null;
            }
            Thread.sleep(2000);
            try (Connection c = app.bean(DataSource.class).getConnection();
                 var s = c.createStatement();
                 ResultSet rs = s.executeQuery("select d.blks_read, d.blks_hit, w.checkpoints_timed + w.checkpoints_req,"
                         + " w.buffers_checkpoint, w.buffers_backend from pg_stat_database d, pg_stat_bgwriter w"
                         + " where d.datname = current_database()")) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)};
            }
        }

        /** Records the block reads of one operation's warm-up and samples; answers the counts to measure the next from. */
        private long[] blocksSince(String operation, long[] before) throws Exception {
            long[] now = blocks();
            if (now != null) {
                long read = now[0] - before[0];
                long hit = now[1] - before[1];
                Map<String, Object> counts = new LinkedHashMap<>();
                counts.put("readOutsideSharedBuffers", read);
                counts.put("hitInSharedBuffers", hit);
                counts.put("hitRatio", Bench.round(hit / (double) Math.max(1, read + hit)));
                counts.put("checkpoints", now[2] - before[2]);
                counts.put("buffersWrittenByCheckpoints", now[3] - before[3]);
                counts.put("buffersWrittenByBackends", now[4] - before[4]);
                blocks.put(operation, counts);
            }
            return now;
        }

        private StepDetails complete(ScaleData.ReadyStep step) {
            UserAccount performer = step.matter().performer(step.scope());
            List<String> items = step.order() == 0 ? ScaleData.OPENING_ITEMS : ScaleData.PREPARATION_ITEMS;
            StepDetails done = runtime.complete(Actor.user(performer), step.id(), Map.of("checked", items));
            check(done.actionState() == ActionState.COMPLETED, "step " + step.id() + " ended " + done.actionState());
            return done;
        }

        /** Lawyers, paralegals and clients in turn, each a random one. */
        private UserAccount performer(int role) {
            List<UserAccount> people = switch (role) {
                case 0 -> data.lawyers;
                case 1 -> data.paralegals;
                default -> data.clients;
            };
            return people.get(random.nextInt(people.size()));
        }

        private void check(boolean ok, String message) {
            if (!ok) {
                throw new IllegalStateException(message);
            }
        }

        interface Call {
            void run(int i) throws Exception;
        }

        /** {@code warmup} calls, then {@code samples} timed ones; a failing call is counted, never hidden. */
        private Latencies time(int warmup, int samples, Call call) {
            Latencies latencies = new Latencies();
            for (int i = 0; i < warmup + samples; i++) {
                long pauses = Latencies.gcPauses();
                long start = System.nanoTime();
                try {
                    call.run(i);
                    if (i >= warmup) {
                        latencies.add(System.nanoTime() - start, Latencies.gcPauses() != pauses);
                    }
                } catch (Exception | AssertionError e) {
                    errors++;
                    if (firstError == null) {
                        firstError = e.toString();
                    }
                }
            }
            return latencies;
        }

        /** The SELECTs of one call of each operation, explained with the parameters they ran with. */
        private Map<String, Object> plans(ScaleData.ReadyStep claimStep, ScaleData.ReadyStep completeStep)
                throws Exception {
            var matter = data.matters.get(random.nextInt(data.matters.size()));
            Map<String, List<SqlCounter.Executed>> captured = new LinkedHashMap<>();
            captured.put("instanceList", SqlCounter.captureStatements(
                    () -> instances.forMatter(Actor.user(matter.owner()), matter.id(), firstPage)));
            captured.put("inbox", SqlCounter.captureStatements(
                    () -> inbox.of(Actor.user(data.lawyers.get(0)), false, null, firstPage)));
            captured.put("inboxClient", SqlCounter.captureStatements(
                    () -> inbox.of(Actor.user(data.clients.get(0)), false, null, firstPage)));
            captured.put("transition", SqlCounter.captureStatements(() -> runtime.claim(
                    Actor.user(claimStep.matter().performer(claimStep.scope())), claimStep.id())));
            captured.put("transitionComplete", SqlCounter.captureStatements(() -> complete(completeStep)));

            Map<String, Object> statements = new LinkedHashMap<>();
            Map<String, String> sql = new LinkedHashMap<>();
            Map<String, String> plans = new LinkedHashMap<>();
            Map<String, Boolean> indexUsed = new LinkedHashMap<>();
            Map<String, List<String>> seqScans = new LinkedHashMap<>();
            boolean postgres = app.database.postgres();
            try (Connection c = app.bean(DataSource.class).getConnection()) {
                for (var entry : captured.entrySet()) {
                    statements.put(entry.getKey(), entry.getValue().size());
                    Set<String> seen = new LinkedHashSet<>();
                    int n = 0;
                    for (SqlCounter.Executed executed : entry.getValue()) {
                        String text = executed.sql().strip();
                        if (executed.batch() || !text.toLowerCase(Locale.ROOT).startsWith("select")
                                || !seen.add(text)) {
                            continue;
                        }
                        String key = entry.getKey() + "." + (++n);
                        String plan = explain(c, executed, postgres);
                        Set<String> scanned = scannedTables(plan, postgres);
                        scanned.retainAll(GROWING_TABLES);
                        sql.put(key, text);
                        plans.put(key, plan);
                        indexUsed.put(key, scanned.isEmpty());
                        if (!scanned.isEmpty()) {
                            seqScans.put(key, List.copyOf(scanned));
                        }
                    }
                }
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("statements", statements);
            m.put("indexUsed", indexUsed);
            m.put("allIndexed", indexUsed.values().stream().allMatch(Boolean::booleanValue));
            if (!seqScans.isEmpty()) {
                m.put("seqScans", seqScans);
            }
            m.put("sql", sql);
            m.put("plans", plans);
            return m;
        }

        private static String explain(Connection c, SqlCounter.Executed executed, boolean postgres) throws Exception {
            String prefix = postgres ? "explain (analyze, buffers, format text) " : "explain analyze ";
            try (PreparedStatement explain = c.prepareStatement(prefix + executed.sql())) {
                executed.bind(explain);
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs = explain.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
                return plan.toString().strip();
            }
        }

        private static Set<String> scannedTables(String plan, boolean postgres) {
            Set<String> tables = new TreeSet<>();
            Matcher matcher = (postgres ? POSTGRES_SEQ_SCAN : H2_TABLE_SCAN).matcher(plan);
            while (matcher.find()) {
                tables.add(matcher.group(1).toLowerCase(Locale.ROOT));
            }
            return tables;
        }
    }
}
