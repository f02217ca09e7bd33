package io.matterflow.notification;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.matterflow.action.ScanRequirement;
import io.matterflow.audit.AuditLog;
import io.matterflow.audit.AuditRecord;
import io.matterflow.common.ConflictException;
import io.matterflow.common.ForbiddenException;
import io.matterflow.common.NotFoundException;
import io.matterflow.directory.Actor;

/**
 * Per-organization feature flags. Every read goes to the database, so a change made by an admin (on any node)
 * takes effect with the next event, without a restart. Flags are off until switched on; only the names listed
 * here exist. Changes are audited, in a stream of their own per organization and flag.
 */
@Service
public class FeatureFlags {

    /** Email the performers of a step when it becomes READY. */
    public static final String READY_EMAIL = "workflow.ready-notifications.email";

    /** Accept only documents the upload scanner found clean ({@link ScanRequirement}). */
    public static final String REQUIRE_CLEAN_SCAN = ScanRequirement.FLAG;

    private static final Map<String, String> KNOWN = Map.of(
            READY_EMAIL, "Email a step's assignee, or else each eligible performer, when the step becomes READY",
            REQUIRE_CLEAN_SCAN, "Complete document requests only with documents the upload scan found clean (others"
                    + " are refused with 409 until their verdict comes)");
    private static final int MAX_ATTEMPTS = 3;

    private final JdbcTemplate jdbc;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    FeatureFlags(JdbcTemplate jdbc, AuditLog audit, PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** Whether the flag is on for the organization, as stored now. */
    public boolean isEnabled(UUID orgId, String name) {
        List<Boolean> enabled = jdbc.queryForList("select enabled from feature_flags where org_id = ? and name = ?",
                Boolean.class, orgId, name);
        return !enabled.isEmpty() && Boolean.TRUE.equals(enabled.get(0));
    }

    /** Every known flag of the caller's organization, by name. Admins only. */
    public List<FeatureFlag> all(Actor actor) {
        requireAdmin(actor);
        return KNOWN.keySet().stream().sorted().map(name -> read(actor.orgId(), name)).toList();
    }

    /** One flag of the caller's organization. Admins only; an unknown name is 404. */
    public FeatureFlag get(Actor actor, String name) {
        requireAdmin(actor);
        requireKnown(name);
        return read(actor.orgId(), name);
    }

    /**
     * Switches a flag for the caller's organization and audits the change. Setting the value it already has
     * changes and records nothing. Admins only; an unknown name is 404.
     */
    public FeatureFlag set(Actor actor, String name, boolean enabled) {
        requireAdmin(actor);
        requireKnown(name);
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(status -> apply(actor, name, enabled));
            } catch (DataIntegrityViolationException | OptimisticLockingFailureException e) {
                // Two admins switched the flag for the first time at once; the retry sees the other's row.
                if (attempt == MAX_ATTEMPTS) {
                    throw new ConflictException("Concurrent update",
                            "the flag was changed by someone else at the same time; try again");
                }
            }
        }
    }

    private FeatureFlag apply(Actor actor, String name, boolean enabled) {
        List<Boolean> current = jdbc.queryForList(
                "select enabled from feature_flags where org_id = ? and name = ? for update", Boolean.class,
                actor.orgId(), name);
        boolean was = !current.isEmpty() && Boolean.TRUE.equals(current.get(0));
        if (was == enabled) {
            return read(actor.orgId(), name);
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (current.isEmpty()) {
            jdbc.update("insert into feature_flags (org_id, name, enabled, updated_by, updated_at) values (?, ?, ?, ?, ?)",
                    actor.orgId(), name, enabled, actor.userId(), now);
        } else {
            jdbc.update("update feature_flags set enabled = ?, updated_by = ?, updated_at = ? where org_id = ? and name = ?",
                    enabled, actor.userId(), now, actor.orgId(), name);
        }
        UUID flagId = flagId(actor.orgId(), name);
        audit.append(new AuditRecord(actor.orgId(), flagId, actor, "feature-flag.update", "FEATURE_FLAG", flagId,
                state(was), state(enabled), Map.of("name", name, "enabled", enabled)));
        return read(actor.orgId(), name);
    }

    private FeatureFlag read(UUID orgId, String name) {
        List<FeatureFlag> rows = jdbc.query(
                "select enabled, updated_by, updated_at from feature_flags where org_id = ? and name = ?",
                (rs, i) -> new FeatureFlag(name, rs.getBoolean("enabled"), KNOWN.get(name),
                        rs.getObject("updated_by", UUID.class), instant(rs.getObject("updated_at", OffsetDateTime.class))),
                orgId, name);
        return rows.isEmpty() ? new FeatureFlag(name, false, KNOWN.get(name), null, null) : rows.get(0);
    }

    /** A stable id for the flag of one organization: the entity and stream id of its audit events. */
    static UUID flagId(UUID orgId, String name) {
        return UUID.nameUUIDFromBytes(("feature-flag:" + orgId + ":" + name).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String state(boolean enabled) {
        return enabled ? "ENABLED" : "DISABLED";
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) {
            throw new ForbiddenException("only admins may read or change the firm's feature flags");
        }
    }

    private static void requireKnown(String name) {
        if (!KNOWN.containsKey(name)) {
            throw new NotFoundException("Feature flag", name);
        }
    }
}
