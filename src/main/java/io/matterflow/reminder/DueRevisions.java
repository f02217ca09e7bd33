package io.matterflow.reminder;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import io.matterflow.instance.StepDueChanged;

/**
 * {@code step_due_revisions}: how often each step's due date changed and when last, counted in the transaction of
 * the change. A calendar feed gives them as SEQUENCE and LAST-MODIFIED, so a calendar takes a moved date as an update
 * of the same event; the count only grows, whichever way the date moves.
 */
@Component
class DueRevisions {

    /** A step's revision; {@code changedAt} null for a step dated before revisions were counted. */
    record Revision(int number, Instant changedAt) {
        static final Revision NONE = new Revision(0, null);
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    DueRevisions(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventListener
    void on(StepDueChanged event) {
        var params = Map.of("step", event.stepId(), "now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        String bump = "update step_due_revisions set revision = revision + 1, changed_at = :now where step_id = :step";
        if (jdbc.update(bump, params) == 0
                && jdbc.update("""
                insert into step_due_revisions (step_id, revision, changed_at) values (:step, 1, :now)
                on conflict do nothing""", params) == 0) {
            jdbc.update(bump, params); // another transaction inserted it first
        }
    }

    Map<UUID, Revision> of(Collection<UUID> stepIds) {
        Map<UUID, Revision> revisions = new HashMap<>();
        if (stepIds.isEmpty()) {
            return revisions;
        }
        jdbc.query("select step_id, revision, changed_at from step_due_revisions where step_id in (:steps)",
                Map.of("steps", stepIds), rs -> {
                    revisions.put(rs.getObject("step_id", UUID.class), new Revision(rs.getInt("revision"),
                            rs.getObject("changed_at", OffsetDateTime.class).toInstant()));
                });
        return revisions;
    }
}
