package io.matterflow.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * What the peer figures share, so that every embedded BPMN engine does the very same work and its instances per
 * second compare with Matterflow's and with each other's: the database (from {@link BenchDatabase}, by its
 * {@link BenchDatabase#nativeUrl() native URL}, since each engine runs its own H2 scripts), a HikariCP pool of
 * {@value #POOL_SIZE} connections (Matterflow's: Spring Boot's Hikari default), the process (three user tasks with
 * candidate groups, deployed once), the unit of work and its timing, and the result's fields. A subclass only starts
 * its engine on the pool and answers the few calls of {@link Engine} with the engine's own API.
 * <p>
 * Process: start → "Open the file" (candidate group paralegals) → "Conflict check" (lawyers) → "Proof of identity"
 * (clients) → end. One unit of work is one process instance: started by the thread's lawyer with a business key and
 * the variables matterId and title (untimed, like Matterflow's instantiate); then for each task two timed operations,
 * each performer the authenticated user of its own calls (as Matterflow's audit names its actor):
 * <ol>
 * <li><b>claim</b>: the task query by process instance and candidate group (the permission check: the performer's
 * group may take the task) and the claim by the user, timed together as Matterflow's claim does both (it loads the
 * step, checks the performer's role and assigns);</li>
 * <li><b>complete</b>: completing the task with the step's payload (the checked items, approved and a comment, the
 * document ids), lists as JSON, as Matterflow keeps its payloads.</li>
 * </ol>
 * A BPMN engine has no separate start, so an instance is {@value #OPERATIONS_PER_INSTANCE} timed operations against
 * Matterflow's 9: transitions per second do not compare across the figures, instances per second do. Before
 * completing the last task the client attaches the same small PDF to it (a task attachment; untimed, like
 * Matterflow's upload), whose id is the {@code documentIds} payload. Every unit ends by checking in the history that
 * its process instance has finished.
 */
abstract class PeerFigure implements Figure {

    static final String PROCESS_KEY = "benchIntake";
    static final int POOL_SIZE = 10;
    /** Timed operations per instance: for each of the three tasks, query and claim, then complete. */
    static final int OPERATIONS_PER_INSTANCE = 6;

    /**
     * The process in BPMN 2.0, candidate groups as the engine's extension attribute ({@code prefix:candidateGroups}
     * in the namespace {@code namespace}); {@code processAttributes} are further attributes of the process element.
     */
    static String bpmn(String prefix, String namespace, String processAttributes) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                             xmlns:%1$s="%2$s"
                             targetNamespace="http://matterflow.io/bench">
                  <process id="%3$s" name="Bench intake" isExecutable="true"%4$s>
                    <startEvent id="start"/>
                    <sequenceFlow id="toOpen" sourceRef="start" targetRef="openTheFile"/>
                    <userTask id="openTheFile" name="Open the file" %1$s:candidateGroups="paralegals"/>
                    <sequenceFlow id="toConflict" sourceRef="openTheFile" targetRef="conflictCheck"/>
                    <userTask id="conflictCheck" name="Conflict check" %1$s:candidateGroups="lawyers"/>
                    <sequenceFlow id="toIdentity" sourceRef="conflictCheck" targetRef="proofOfIdentity"/>
                    <userTask id="proofOfIdentity" name="Proof of identity" %1$s:candidateGroups="clients"/>
                    <sequenceFlow id="toEnd" sourceRef="proofOfIdentity" targetRef="end"/>
                    <endEvent id="end"/>
                  </process>
                </definitions>
                """.formatted(prefix, namespace, PROCESS_KEY,
                processAttributes.isEmpty() ? "" : " " + processAttributes);
    }

    /** A task found by the candidate-group query. */
    record FoundTask(String id, String name) {
    }

    /** One started engine, with the process deployed: the calls the unit of work makes. */
    interface Engine extends AutoCloseable {

        /** The engine and its version, as the result names it. */
        String name();

        /** The history level the engine runs with, in the engine's own words. */
        String historyLevel();

        /** The ID generator's class, simple name. */
        String idGenerator();

        /** The authenticated user of the calls that follow on this thread; {@code null} for none. */
        void authenticate(String user);

        /** Starts an instance of {@link #PROCESS_KEY}; its id. */
        String start(String businessKey, Map<String, Object> variables) throws Exception;

        /** The one open task of the instance that the group is a candidate for, or {@code null}. */
        FoundTask candidateTask(String processInstanceId, String group) throws Exception;

        void claim(String taskId, String user) throws Exception;

        void complete(String taskId, Map<String, Object> variables) throws Exception;

        /** A list payload as the engine keeps JSON. */
        Object json(List<String> value) throws Exception;

        /** Attaches a PDF to the task; the attachment's id. */
        String attach(String taskId, String processInstanceId, String name, byte[] pdf) throws Exception;

        /** Whether the history has the instance as finished. */
        boolean finished(String processInstanceId) throws Exception;

        @Override
        void close();
    }

    /** The Hikari pool's name (the engine's). */
    abstract String poolName();

    /** Builds the engine on the pool (schema created at start-up) and deploys {@link #PROCESS_KEY}. */
    abstract Engine start(DataSource dataSource) throws Exception;

    @Override
    public final Map<String, Object> run(Options options) throws Exception {
        int threads = options.integer("threads", 1);
        BenchDatabase database = BenchDatabase.of(options.db());
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(database.nativeUrl());
        pool.setUsername(database.user());
        pool.setPassword(database.password());
        pool.setMaximumPoolSize(POOL_SIZE);
        pool.setPoolName(poolName());
        try (HikariDataSource dataSource = new HikariDataSource(pool); Engine engine = start(dataSource)) {
            List<Performers> performers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                performers.add(new Performers(engine, i));
            }
            var result = LoadLoop.run(threads, LoadLoop.Window.of(options, database),
                    i -> performers.get(i)::runOnce);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("db", options.db());
            m.putAll(result.toMap("transitions", "instances"));
            m.put("engine", engine.name());
            m.put("historyLevel", engine.historyLevel());
            m.put("pool", POOL_SIZE);
            m.put("dataSource", "HikariCP, as Matterflow's (Spring Boot default pool size)");
            m.put("idGenerator", engine.idGenerator());
            m.put("operationsPerInstance", OPERATIONS_PER_INSTANCE);
            m.put("operations", "per task: query by candidate group + claim (one op), complete (one op)");
            return m;
        }
    }

    /** One thread's paralegal, lawyer and client, running whole process instances. */
    static final class Performers {

        private final Engine engine;
        private final String paralegal;
        private final String lawyer;
        private final String client;
        private final String matterId = UUID.randomUUID().toString();
        private long count;

        Performers(Engine engine, int thread) {
            this.engine = engine;
            this.paralegal = "paralegal-" + thread;
            this.lawyer = "lawyer-" + thread;
            this.client = "client-" + thread;
        }

        /** One process instance from its start to its end; each task operation is timed by the recorder. */
        void runOnce(LoadLoop.Recorder r) throws Exception {
            try {
                engine.authenticate(lawyer);
                String id = engine.start("matter-" + matterId + "-" + ++count,
                        Map.of("matterId", matterId, "title", "Bench"));

                engine.authenticate(paralegal);
                String checklist = r.op(() -> claim(id, "paralegals", "Open the file", paralegal));
                r.op(() -> engine.complete(checklist, Map.of("checked", engine.json(BenchFlow.ITEMS))));

                engine.authenticate(lawyer);
                String approval = r.op(() -> claim(id, "lawyers", "Conflict check", lawyer));
                r.op(() -> engine.complete(approval, Map.of("approved", true, "comment", "No conflict")));

                engine.authenticate(client);
                String document = r.op(() -> claim(id, "clients", "Proof of identity", client));
                String uploaded = engine.attach(document, id, "passport.pdf", BenchFlow.PDF);
                r.op(() -> engine.complete(document, Map.of("documentIds", engine.json(List.of(uploaded)))));

                if (!engine.finished(id)) {
                    throw new IllegalStateException("process instance " + id + " has not finished");
                }
            } finally {
                engine.authenticate(null);
            }
        }

        /** The task the group may take in this instance, claimed by the user; its id. */
        private String claim(String processInstanceId, String group, String name, String user) throws Exception {
            FoundTask task = engine.candidateTask(processInstanceId, group);
            if (task == null || !name.equals(task.name())) {
                throw new IllegalStateException("expected the task " + name + " for " + group + ", found "
                        + (task == null ? "none" : task.name()));
            }
            engine.claim(task.id(), user);
            return task.id();
        }
    }
}
