package io.matterflow.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Everything of one organization that a request could change, to compare before and after a request that must
 * change nothing: the audit log and its chain heads, templates with their drafts and versions, instances and their
 * steps (state, assignee, data, versions), matters and members, documents, users and their tokens; and the stored
 * files ({@code <storage-dir>/<orgId>/}).
 */
public record FirmSnapshot(JdbcTemplate jdbc, Path storageDir) {

    public Map<String, Object> of(UUID org) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("audit_events", jdbc.queryForObject("select count(*) from audit_events where org_id = ?", Long.class,
                org));
        s.put("audit_heads", jdbc.queryForList(
                "select stream_id, seq, hash, version from audit_heads where org_id = ? order by stream_id", org));
        s.put("templates", jdbc.queryForList("select id, name, description, version, is_active, lock_version,"
                + " updated_at from workflow_templates where org_id = ? order by id", org));
        s.put("template_steps", jdbc.queryForList("select s.id, s.template_id, s.step_order, s.title, s.role_scope,"
                + " s.required, cast(s.action_config as text) as action_config from workflow_template_steps s"
                + " join workflow_templates t on t.id = s.template_id where t.org_id = ? order by s.id", org));
        s.put("template_versions", jdbc.queryForList("select v.template_id, v.version from workflow_template_versions v"
                + " join workflow_templates t on t.id = v.template_id where t.org_id = ? order by 1, 2", org));
        s.put("instances", jdbc.queryForList("select id, title, status, template_version, version, updated_at,"
                + " completed_at from workflow_instances where org_id = ? order by id", org));
        s.put("instance_steps", jdbc.queryForList("select id, instance_id, step_order, title, role_scope, required,"
                + " action_state, assigned_to_id, started_at, completed_at, updated_at, version,"
                + " cast(action_data as text) as action_data, cast(action_config as text) as action_config"
                + " from workflow_instance_steps where org_id = ? order by id", org));
        s.put("template_migrations", jdbc.queryForList("select m.id, m.status, i.instance_id, i.status as item_status"
                + " from template_migrations m left join template_migration_items i on i.migration_id = m.id"
                + " where m.org_id = ? order by 1, 3", org));
        s.put("matters", jdbc.queryForList("select id, reference, title, owner_id, client_id, status, closed_at,"
                + " version, updated_at from matters where org_id = ? order by id", org));
        s.put("matter_members", jdbc.queryForList("select m.matter_id, m.user_id, m.role from matter_members m"
                + " join matters x on x.id = m.matter_id where x.org_id = ? order by 1, 2", org));
        s.put("matter_key_dates", jdbc.queryForList("select matter_id, name, key_date from matter_key_dates"
                + " where org_id = ? order by 1, 2", org));
        s.put("documents", jdbc.queryForList("select id, step_id, template_id, instance_id, name, size_bytes"
                + " from documents where org_id = ? order by id", org));
        s.put("users", jdbc.queryForList("select id, email, role, active, password_hash from users where org_id = ?"
                + " order by id", org));
        s.put("user_tokens", jdbc.queryForList("select id, revoked_at, used_at from user_tokens where org_id = ?"
                + " order by id", org));
        s.put("api_tokens", jdbc.queryForList("select id, user_id, name, token_hash, created_at, expires_at,"
                + " revoked_at from api_tokens where org_id = ? order by id", org));
        s.put("stored_files", storedFiles(org));
        return s;
    }

    private long storedFiles(UUID org) {
        Path root = storageDir.resolve(org.toString());
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
