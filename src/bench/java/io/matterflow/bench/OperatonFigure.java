package io.matterflow.bench;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.ProcessEngineConfiguration;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.TaskService;
import org.operaton.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.operaton.bpm.engine.task.Task;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * operaton: the peer figure's work in Operaton 1.0 (the open-source continuation of Camunda 7), embedded, beside
 * {@link FlowableFigure} on the same kinds of database: the same process, unit of work, timing and result
 * ({@link PeerFigure}), so that Matterflow's instances per second over Operaton's compare like for like, and with
 * Flowable's. On H2 Operaton runs its own H2 scripts, so its URL leaves out the PostgreSQL compatibility
 * ({@link BenchDatabase#nativeUrl()}), as Flowable's does.
 * <p>
 * Engine: the bare engine ({@code operaton-engine}, not its Spring Boot starter), {@link
 * StandaloneProcessEngineConfiguration} on a HikariCP pool of 10 connections (Matterflow's pool), schema created at
 * start-up ({@code databaseSchemaUpdate=true}), history level {@code audit}, job executor not activated (the process
 * has no asynchronous or timer work), and no enforced history time to live: since Camunda 7.20 a deployment without
 * one is refused by default, and with one the engine stamps a removal time on every history row of an instance as it
 * ends, cleanup work that neither Matterflow nor Flowable does (both keep their history until they are told
 * otherwise). Everything else is left at Operaton's defaults, authorization checks (off) and the ID generator included
 * (the result names it).
 * <p>
 * In Operaton's API: the claim is the task query by process instance and candidate group and
 * {@code claim(taskId, user)}; the complete is {@code complete(taskId, variables)}, lists as JSON text in string
 * variables (the engine has no JSON variable type without the Spin plugin, which the bare engine does not bring, and
 * refuses Java serialization by default); the PDF is a task attachment; the performer is {@link IdentityService}'s
 * authenticated user.
 */
final class OperatonFigure extends PeerFigure {

    static final String ENGINE = "Operaton 1.0.3";

    static final String BPMN = bpmn("operaton", "http://operaton.org/schema/1.0/bpmn", "");

    @Override
    String poolName() {
        return "operaton-bench";
    }

    @Override
    Engine start(DataSource dataSource) {
        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setDataSource(dataSource);
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_AUDIT);
        configuration.setJobExecutorActivate(false);
        configuration.setEnforceHistoryTimeToLive(false);
        ProcessEngine engine = configuration.buildProcessEngine();
        try {
            engine.getRepositoryService().createDeployment().name("Bench intake")
                    .addString("bench-intake.bpmn20.xml", BPMN).deploy();
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        return new Operaton(engine, configuration);
    }

    /** Operaton's services behind the peer figure's calls. */
    private static final class Operaton implements Engine {

        private final ProcessEngine engine;
        private final StandaloneProcessEngineConfiguration configuration;
        private final RuntimeService runtime;
        private final TaskService tasks;
        private final HistoryService history;
        private final IdentityService identity;
        private final ObjectMapper json = new ObjectMapper();

        Operaton(ProcessEngine engine, StandaloneProcessEngineConfiguration configuration) {
            this.engine = engine;
            this.configuration = configuration;
            this.runtime = engine.getRuntimeService();
            this.tasks = engine.getTaskService();
            this.history = engine.getHistoryService();
            this.identity = engine.getIdentityService();
        }

        @Override
        public String name() {
            return ENGINE;
        }

        @Override
        public String historyLevel() {
            return configuration.getHistoryLevel().getName();
        }

        @Override
        public String idGenerator() {
            return configuration.getIdGenerator().getClass().getSimpleName();
        }

        @Override
        public void authenticate(String user) {
            if (user == null) {
                identity.clearAuthentication();
            } else {
                identity.setAuthenticatedUserId(user);
            }
        }

        @Override
        public String start(String businessKey, Map<String, Object> variables) {
            return runtime.startProcessInstanceByKey(PROCESS_KEY, businessKey, variables).getId();
        }

        @Override
        public FoundTask candidateTask(String processInstanceId, String group) {
            Task task = tasks.createTaskQuery().processInstanceId(processInstanceId).taskCandidateGroup(group)
                    .singleResult();
            return task == null ? null : new FoundTask(task.getId(), task.getName());
        }

        @Override
        public void claim(String taskId, String user) {
            tasks.claim(taskId, user);
        }

        @Override
        public void complete(String taskId, Map<String, Object> variables) {
            tasks.complete(taskId, variables);
        }

        @Override
        public Object json(List<String> value) throws Exception {
            return json.writeValueAsString(value);
        }

        @Override
        public String attach(String taskId, String processInstanceId, String name, byte[] pdf) {
            return tasks.createAttachment("application/pdf", taskId, processInstanceId, name, null,
                    new ByteArrayInputStream(pdf)).getId();
        }

        @Override
        public boolean finished(String processInstanceId) {
            return history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).finished()
                    .singleResult() != null;
        }

        @Override
        public void close() {
            engine.close();
        }
    }
}
