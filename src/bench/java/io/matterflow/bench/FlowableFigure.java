package io.matterflow.bench;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.flowable.common.engine.impl.history.HistoryLevel;
import org.flowable.common.engine.impl.identity.Authentication;
import org.flowable.engine.HistoryService;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.flowable.task.api.Task;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * peer: the engine figure's work in Flowable 7.1, embedded, on the same kind of database (a fresh PostgreSQL database
 * or an H2 file database, from {@link BenchDatabase}), so that Matterflow's instances per second over Flowable's
 * compare like for like. On H2 Flowable runs its own H2 scripts, so its URL leaves out the PostgreSQL compatibility
 * ({@link BenchDatabase#nativeUrl()}); the file database and its other settings are the engine figure's. The process,
 * the unit of work, its timing and the result are {@link PeerFigure}'s, shared with {@link OperatonFigure}.
 * <p>
 * Engine: {@link StandaloneProcessEngineConfiguration} on a HikariCP pool of 10 connections (Matterflow's pool: Spring
 * Boot's Hikari default), schema created at start-up ({@code databaseSchemaUpdate=true}), history level
 * {@code audit}, async executor not activated (the process has no asynchronous or timer work), IDM engine and event
 * registry disabled (neither is used; the event registry needs Liquibase, which the benchmark dependency excludes).
 * Everything else is left at Flowable's defaults, the ID generator included (the result names it).
 * <p>
 * In Flowable's API: the claim is the task query by process instance and candidate group and
 * {@code claim(taskId, user)}; the complete is {@code complete(taskId, variables)}, lists as Flowable JSON variables
 * (Matterflow keeps its payloads as JSON too; a plain {@code List} would be Java-serialized into byte array rows); the
 * PDF is a Flowable task attachment; the performer is {@link Authentication}'s user.
 */
final class FlowableFigure extends PeerFigure {

    static final String ENGINE = "Flowable 7.1.0";

    static final String BPMN = bpmn("flowable", "http://flowable.org/bpmn", "");

    @Override
    String poolName() {
        return "flowable-bench";
    }

    @Override
    Engine start(DataSource dataSource) {
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
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        return new Flowable(engine, configuration);
    }

    /** Flowable's services behind the peer figure's calls. */
    private static final class Flowable implements Engine {

        private final ProcessEngine engine;
        private final StandaloneProcessEngineConfiguration configuration;
        private final RuntimeService runtime;
        private final TaskService tasks;
        private final HistoryService history;
        private final ObjectMapper json;

        Flowable(ProcessEngine engine, StandaloneProcessEngineConfiguration configuration) {
            this.engine = engine;
            this.configuration = configuration;
            this.runtime = engine.getRuntimeService();
            this.tasks = engine.getTaskService();
            this.history = engine.getHistoryService();
            this.json = configuration.getObjectMapper();
        }

        @Override
        public String name() {
            return ENGINE;
        }

        @Override
        public String historyLevel() {
            return configuration.getHistoryLevel().getKey();
        }

        @Override
        public String idGenerator() {
            return configuration.getIdGenerator().getClass().getSimpleName();
        }

        @Override
        public void authenticate(String user) {
            Authentication.setAuthenticatedUserId(user);
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
        public Object json(List<String> value) {
            return json.valueToTree(value);
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
