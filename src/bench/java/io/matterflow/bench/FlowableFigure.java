package io.matterflow.bench;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.flowable.common.engine.impl.history.HistoryLevel;
import org.flowable.common.engine.impl.identity.Authentication;
import org.flowable.engine.HistoryService;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.flowable.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.flowable.task.api.Task;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * peer: the engine figure's work in Flowable 7.1, embedded, on the same kind of database (a fresh PostgreSQL database
 * or an H2 file database, from {@link BenchDatabase}), so that Matterflow's instances per second over Flowable's
 * compare like for like. On H2 Flowable runs its own H2 scripts, so its URL leaves out the PostgreSQL compatibility
 * ({@link BenchDatabase#nativeUrl()}); the file database and its other settings are the engine figure's.
 * <p>
 * Engine: {@link StandaloneProcessEngineConfiguration} on a HikariCP pool of 10 connections (Matterflow's pool: Spring
 * Boot's Hikari default), schema created at start-up ({@code databaseSchemaUpdate=true}), history level
 * {@code audit}, async executor not activated (the process has no asynchronous or timer work), IDM engine and event
 * registry disabled (neither is used; the event registry needs Liquibase, which the benchmark dependency excludes).
 * Everything else is left at Flowable's defaults, the ID generator included (the result names it).
 * <p>
 * Process: start → "Open the file" (candidate group paralegals) → "Conflict check" (lawyers) → "Proof of identity"
 * (clients) → end, deployed once. One unit of work is one process instance: started by the thread's lawyer with a
 * business key and the variables matterId and title (untimed, like Matterflow's instantiate); then for each task two
 * timed operations, each performer the authenticated user of its own calls (as Matterflow's audit names its actor):
 * <ol>
 * <li><b>claim</b>: the task query by process instance and candidate group (the permission check: the performer's
 * group may take the task) and {@code claim(taskId, user)}, timed together as Matterflow's claim does both (it
 * loads the step, checks the performer's role and assigns);</li>
 * <li><b>complete</b>: {@code complete(taskId, variables)} with the step's payload (the checked items, approved and a
 * comment, the document ids), lists as Flowable JSON variables (Matterflow keeps its payloads as JSON too; a plain
 * {@code List} would be Java-serialized into byte array rows).</li>
 * </ol>
 * Flowable has no separate start, so an instance is 6 timed operations against Matterflow's 9: transitions per second
 * do not compare across the two figures, instances per second do. Before completing the last task the client attaches
 * the same small PDF to it (a Flowable task attachment; untimed, like Matterflow's upload), whose id is the
 * {@code documentIds} payload. Every unit ends by checking in the history that its process instance has finished.
 */
final class FlowableFigure implements Figure {

    static final String ENGINE = "Flowable 7.1.0";
    static final String PROCESS_KEY = "benchIntake";
    static final int POOL_SIZE = 10;
    /** Timed operations per instance: for each of the three tasks, query and claim, then complete. */
    static final int OPERATIONS_PER_INSTANCE = 6;

    static final String BPMN = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                         xmlns:flowable="http://flowable.org/bpmn"
                         targetNamespace="http://matterflow.io/bench">
              <process id="benchIntake" name="Bench intake" isExecutable="true">
                <startEvent id="start"/>
                <sequenceFlow id="toOpen" sourceRef="start" targetRef="openTheFile"/>
                <userTask id="openTheFile" name="Open the file" flowable:candidateGroups="paralegals"/>
                <sequenceFlow id="toConflict" sourceRef="openTheFile" targetRef="conflictCheck"/>
                <userTask id="conflictCheck" name="Conflict check" flowable:candidateGroups="lawyers"/>
                <sequenceFlow id="toIdentity" sourceRef="conflictCheck" targetRef="proofOfIdentity"/>
                <userTask id="proofOfIdentity" name="Proof of identity" flowable:candidateGroups="clients"/>
                <sequenceFlow id="toEnd" sourceRef="proofOfIdentity" targetRef="end"/>
                <endEvent id="end"/>
              </process>
            </definitions>
            """;

    @Override
    public Map<String, Object> run(Options options) throws Exception {
        int threads = options.integer("threads", 1);
        BenchDatabase database = BenchDatabase.of(options.db());
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(database.nativeUrl());
        pool.setUsername(database.user());
        pool.setPassword(database.password());
        pool.setMaximumPoolSize(POOL_SIZE);
        pool.setPoolName("flowable-bench");
        try (HikariDataSource dataSource = new HikariDataSource(pool)) {
            StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
            configuration.setDataSource(dataSource);
            configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
            configuration.setHistoryLevel(HistoryLevel.AUDIT);
            configuration.setAsyncExecutorActivate(false);
            configuration.setDisableIdmEngine(true);
            configuration.setDisableEventRegistry(true);
            ProcessEngine engine = configuration.buildProcessEngine();
            try {
                engine.getRepositoryService().createDeployment().name("Bench intake")
                        .addString("bench-intake.bpmn20.xml", BPMN).deploy();
                List<Performers> performers = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    performers.add(new Performers(engine, i));
                }
                var result = LoadLoop.run(threads, options.seconds("warmup", 25), options.seconds("measure", 30),
                        i -> performers.get(i)::runOnce);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("db", options.db());
                m.putAll(result.toMap("transitions", "instances"));
                m.put("engine", ENGINE);
                m.put("historyLevel", configuration.getHistoryLevel().getKey());
                m.put("pool", POOL_SIZE);
                m.put("dataSource", "HikariCP, as Matterflow's (Spring Boot default pool size)");
                m.put("idGenerator", configuration.getIdGenerator().getClass().getSimpleName());
                m.put("operationsPerInstance", OPERATIONS_PER_INSTANCE);
                m.put("operations", "per task: query by candidate group + claim (one op), complete (one op)");
                return m;
            } finally {
                engine.close();
            }
        }
    }

    /** One thread's paralegal, lawyer and client, running whole process instances. */
    static final class Performers {

        private final RuntimeService runtime;
        private final TaskService tasks;
        private final HistoryService history;
        private final ObjectMapper json;
        private final String paralegal;
        private final String lawyer;
        private final String client;
        private final String matterId = UUID.randomUUID().toString();
        private long count;

        Performers(ProcessEngine engine, int thread) {
            this.runtime = engine.getRuntimeService();
            this.tasks = engine.getTaskService();
            this.history = engine.getHistoryService();
            this.json = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getObjectMapper();
            this.paralegal = "paralegal-" + thread;
            this.lawyer = "lawyer-" + thread;
            this.client = "client-" + thread;
        }

        /** One process instance from its start to its end; each task operation is timed by the recorder. */
        void runOnce(LoadLoop.Recorder r) throws Exception {
            try {
                Authentication.setAuthenticatedUserId(lawyer);
                String id = runtime.startProcessInstanceByKey(PROCESS_KEY, "matter-" + matterId + "-" + ++count,
                        Map.of("matterId", matterId, "title", "Bench")).getId();

                Authentication.setAuthenticatedUserId(paralegal);
                Task checklist = r.op(() -> claim(id, "paralegals", "Open the file", paralegal));
                r.op(() -> tasks.complete(checklist.getId(), Map.of("checked", json.valueToTree(BenchFlow.ITEMS))));

                Authentication.setAuthenticatedUserId(lawyer);
                Task approval = r.op(() -> claim(id, "lawyers", "Conflict check", lawyer));
                r.op(() -> tasks.complete(approval.getId(), Map.of("approved", true, "comment", "No conflict")));

                Authentication.setAuthenticatedUserId(client);
                Task document = r.op(() -> claim(id, "clients", "Proof of identity", client));
                String uploaded = tasks.createAttachment("application/pdf", document.getId(), id, "passport.pdf",
                        null, new ByteArrayInputStream(BenchFlow.PDF)).getId();
                r.op(() -> tasks.complete(document.getId(), Map.of("documentIds", json.valueToTree(List.of(uploaded)))));

                if (history.createHistoricProcessInstanceQuery().processInstanceId(id).finished().singleResult()
                        == null) {
                    throw new IllegalStateException("process instance " + id + " has not finished");
                }
            } finally {
                Authentication.setAuthenticatedUserId(null);
            }
        }

        /** The task the group may take in this instance, claimed by the user. */
        private Task claim(String processInstanceId, String group, String name, String user) {
            Task task = tasks.createTaskQuery().processInstanceId(processInstanceId).taskCandidateGroup(group)
                    .singleResult();
            if (task == null || !name.equals(task.getName())) {
                throw new IllegalStateException("expected the task " + name + " for " + group + ", found "
                        + (task == null ? "none" : task.getName()));
            }
            tasks.claim(task.getId(), user);
            return task;
        }
    }
}
