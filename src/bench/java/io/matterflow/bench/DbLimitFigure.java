package io.matterflow.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.matterflow.instance.Instances;

/**
 * dblimit: what PostgreSQL itself commits for a transition's write set, from {@code connections} connections at once,
 * each on its own steps: one transaction = update the step with a version check, insert its audit event, insert its
 * event publication row, commit; prepared statements, no framework. The HTTP figure's ceiling.
 */
final class DbLimitFigure implements Figure {

    static final String UPDATE = "update workflow_instance_steps set action_state = ?, action_data = cast(? as jsonb),"
            + " updated_at = ?, version = version + 1 where id = ? and version = ?";
    static final String AUDIT = "insert into audit_events (id, org_id, stream_id, seq, occurred_at, actor_type, actor_id,"
            + " actor_name, action, entity_type, entity_id, from_state, to_state, metadata, request_id, prev_hash, hash)"
            + " values (?, ?, ?, ?, ?, 'USER', ?, 'Bench User', 'step.start', 'STEP', ?, ?, ?, cast(? as jsonb), ?, ?, ?)";
    static final String EVENT = "insert into event_publication (id, listener_id, event_type, serialized_event,"
            + " publication_date, status, completion_attempts) values (?, ?, ?, ?, ?, 'PUBLISHED', 0)";
    static final int STEPS_PER_CONNECTION = 30;

    @Override
    public Map<String, Object> run(Options options) throws Exception {
        int connections = options.integer("connections", 16);
        BenchDatabase database = BenchDatabase.of("postgres");
        List<List<Row>> rows = new ArrayList<>();
        try (MatterflowApp app = MatterflowApp.start(database, Map.of())) {
            BenchFlow flow = new BenchFlow(app);
            var instances = app.bean(Instances.class);
            var lawyer = flow.firm.as(flow.firm.owner());
            for (int c = 0; c < connections; c++) {
                List<Row> mine = new ArrayList<>();
                for (int i = 0; i < STEPS_PER_CONNECTION / 3; i++) {
                    var instance = instances.instantiate(lawyer, new Instances.Instantiate(flow.templateId,
                            flow.firm.matter().id(), "Limit", true, null));
                    for (var step : instance.steps()) {
                        mine.add(new Row(step.id(), instance.id(), instance.orgId(), step.version()));
                    }
                }
                rows.add(mine);
            }
        }
        List<Connection> open = new ArrayList<>();
        try {
            for (int c = 0; c < connections; c++) {
                Connection connection = database.connect();
                connection.setAutoCommit(false);
                open.add(connection);
            }
            var result = LoadLoop.run(connections, LoadLoop.Window.of(options, database),
                    c -> new Writer(open.get(c), rows.get(c)));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("db", "postgres");
            m.put("connections", connections);
            m.put("transaction", List.of(UPDATE, AUDIT, EVENT, "COMMIT"));
            var map = result.toMap("transactions", "units");
            map.remove("units");
            map.remove("unitsPerSecond");
            m.putAll(map);
            return m;
        } finally {
            for (Connection c : open) {
                c.close();
            }
        }
    }

    private record Row(UUID stepId, UUID instanceId, UUID orgId, long version) {
    }

    /** One connection's transactions, round-robin over its own steps, alternating their state. */
    private static final class Writer implements LoadLoop.Unit {
        private final Connection connection;
        private final PreparedStatement update;
        private final PreparedStatement audit;
        private final PreparedStatement event;
        private final List<Row> rows;
        private final long[] versions;
        private final long[] seqs;
        private final String actor = UUID.randomUUID().toString();
        private int next;

        Writer(Connection connection, List<Row> rows) {
            try {
                this.connection = connection;
                this.update = connection.prepareStatement(UPDATE);
                this.audit = connection.prepareStatement(AUDIT);
                this.event = connection.prepareStatement(EVENT);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            this.rows = rows;
            this.versions = rows.stream().mapToLong(Row::version).toArray();
            this.seqs = new long[rows.size()];
        }

        @Override
        public void run(LoadLoop.Recorder recorder) throws Exception {
            int i = next++ % rows.size();
            Row row = rows.get(i);
            recorder.op(() -> {
                Timestamp now = Timestamp.from(Instant.now());
                boolean even = versions[i] % 2 == 0;
                update.setString(1, even ? "IN_PROGRESS" : "READY");
                update.setString(2, "{\"bench\": true}");
                update.setTimestamp(3, now);
                update.setObject(4, row.stepId());
                update.setLong(5, versions[i]);
                if (update.executeUpdate() != 1) {
                    throw new IllegalStateException("lost the version check on " + row.stepId());
                }
                // a stream of its own per connection and step keeps (stream_id, seq) unique without a read
                long seq = ++seqs[i];
                audit.setObject(1, UUID.randomUUID());
                audit.setObject(2, row.orgId());
                audit.setObject(3, UUID.nameUUIDFromBytes((actor + row.stepId()).getBytes()));
                audit.setLong(4, seq);
                audit.setTimestamp(5, now);
                audit.setString(6, actor);
                audit.setObject(7, row.stepId());
                audit.setString(8, even ? "READY" : "IN_PROGRESS");
                audit.setString(9, even ? "IN_PROGRESS" : "READY");
                audit.setString(10, "{\"actionType\": \"CHECKLIST\", \"title\": \"Open the file\"}");
                audit.setString(11, null);
                audit.setString(12, "0".repeat(64));
                audit.setString(13, "f".repeat(64));
                audit.executeUpdate();
                event.setObject(1, UUID.randomUUID());
                event.setString(2, "io.matterflow.notification.ReadyNotifier.on(io.matterflow.instance.StepBecameReady)");
                event.setString(3, "io.matterflow.instance.StepBecameReady");
                event.setString(4, "{\"stepId\":\"" + row.stepId() + "\",\"instanceId\":\"" + row.instanceId() + "\"}");
                event.setTimestamp(5, now);
                event.executeUpdate();
                connection.commit();
                versions[i]++;
            });
        }
    }
}
