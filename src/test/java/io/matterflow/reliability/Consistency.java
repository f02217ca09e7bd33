package io.matterflow.reliability;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What must hold in the database whatever happened to the processes; each method lists the violations. */
final class Consistency {

    private Consistency() {
    }

    /** (a) Every step's state is the target state of its last audited change (PENDING when it has none). */
    static List<String> stepsAgreeWithAudit(Connection c) throws SQLException {
        return strings(c, """
                select s.id || ': ' || s.action_state || ' but last audit says ' || coalesce(a.to_state, '(none)')
                from workflow_instance_steps s
                left join lateral (select e.to_state from audit_events e
                                   where e.entity_id = s.id and e.to_state is not null
                                   order by e.seq desc limit 1) a on true
                where coalesce(a.to_state, 'PENDING') <> s.action_state
                """);
    }

    /**
     * (b) Every instance's status agrees with its steps: COMPLETED exactly when every required step is COMPLETED or
     * SKIPPED and none is IN_PROGRESS or BLOCKED; an ACTIVE instance has no PENDING step whose required predecessors
     * are all done (it would have been made READY).
     */
    static List<String> instancesAgreeWithSteps(Connection c) throws SQLException {
        Map<String, String> status = new LinkedHashMap<>();
        Map<String, List<String[]>> steps = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select i.id, i.status, st.required, st.action_state from workflow_instances i"
                     + " join workflow_instance_steps st on st.instance_id = i.id order by i.id, st.step_order")) {
            while (rs.next()) {
                status.put(rs.getString(1), rs.getString(2));
                steps.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(new String[] {rs.getBoolean(3) ? "R" : "O", rs.getString(4)});
            }
        }
        List<String> wrong = new ArrayList<>();
        status.forEach((id, st) -> {
            var list = steps.get(id);
            boolean anyActive = list.stream().anyMatch(x -> x[1].equals("IN_PROGRESS") || x[1].equals("BLOCKED"));
            boolean anyRequired = list.stream().anyMatch(x -> x[0].equals("R"));
            boolean completes = !anyActive && (anyRequired
                    ? list.stream().filter(x -> x[0].equals("R")).allMatch(x -> done(x[1]))
                    : list.stream().allMatch(x -> done(x[1]) || x[1].equals("FAILED")));
            if (st.equals("COMPLETED") != completes && (st.equals("COMPLETED") || st.equals("ACTIVE"))) {
                wrong.add(id + " is " + st + " with steps " + describe(list));
            }
            if (st.equals("ACTIVE")) {
                for (String[] step : list) {
                    if (step[1].equals("PENDING")) {
                        wrong.add(id + " is ACTIVE with a PENDING step that should be READY: " + describe(list));
                    }
                    if (step[0].equals("R") && !done(step[1])) {
                        break;
                    }
                }
            }
        });
        return wrong;
    }

    /** (c) Every step.ready event has at least one in-app notification. */
    static List<String> readyEventsWithoutNotification(Connection c) throws SQLException {
        return strings(c, """
                select e.id || ' (step ' || e.entity_id || ')' from audit_events e
                where e.action = 'step.ready'
                  and not exists (select 1 from notifications n where n.source_id = e.id)
                """);
    }

    /** No (user, source) pair notified or emailed twice (the unique constraints say so; checked anyway). */
    static List<String> duplicateNotifications(Connection c) throws SQLException {
        var list = strings(c, "select user_id || '/' || source_id || ' x' || count(*) from notifications"
                + " group by user_id, source_id having count(*) > 1");
        list.addAll(strings(c, "select recipient_id || '/' || source_id || ' x' || count(*) from email_outbox"
                + " group by recipient_id, source_id having count(*) > 1"));
        return list;
    }

    /** Steps that made the same move twice: more than one claim, start, complete, or ready of one step. */
    static List<String> stepsMovedTwice(Connection c) throws SQLException {
        return strings(c, """
                select entity_id || ' ' || action || ' x' || count(*) from audit_events
                where action in ('step.claim', 'step.start', 'step.complete', 'step.ready')
                group by entity_id, action having count(*) > 1
                """);
    }

    static List<String> unfinishedPublications(Connection c, String listener) throws SQLException {
        return strings(c, "select listener_id || ' ' || event_type || ' ' || coalesce(status, '') from event_publication"
                + " where completion_date is null and listener_id like '%" + listener + "%'");
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static boolean done(String state) {
        return state.equals("COMPLETED") || state.equals("SKIPPED");
    }

    private static String describe(List<String[]> list) {
        return list.stream().map(x -> x[0] + ":" + x[1]).toList().toString();
    }
}
