package io.matterflow.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.matterflow.support.PostgresTest;

@PostgresTest
class SchemaOnPostgresTests extends SchemaScenarios {

    @Test
    void shouldIndexStepsByInstanceAndStateAndInstancesByMatterAndStatus() {
        assertThat(indexDefinition("ix_workflow_instance_steps_instance_state"))
                .contains("workflow_instance_steps").contains("(instance_id, action_state)");
        assertThat(indexDefinition("ix_workflow_instances_matter_status"))
                .contains("workflow_instances").contains("(matter_id, status)");
        assertThat(indexDefinition("uq_workflow_template_steps_order"))
                .startsWith("CREATE UNIQUE INDEX").contains("(template_id, step_order)");
    }

    @Test
    void shouldDeclareTheEnumChecksAndUniqueConstraints() {
        List<String> constraints = jdbc.queryForList("select conname from pg_constraint where connamespace ="
                + " 'public'::regnamespace", String.class);
        assertThat(constraints).contains("uq_workflow_template_steps_order", "uq_audit_events_stream_seq",
                "ck_workflow_template_steps_role_scope", "ck_workflow_instances_status",
                "ck_workflow_instance_steps_action_state", "ck_users_role", "fk_workflow_instances_template_version");
        // the action registry decides which action types a step may have (V14)
        assertThat(constraints).doesNotContain("ck_workflow_template_steps_action_type",
                "ck_workflow_instance_steps_action_type");
    }

    @Test
    void shouldStoreJsonColumnsAsJsonb() {
        List<Map<String, Object>> columns = jdbc.queryForList("select table_name, column_name from"
                + " information_schema.columns where data_type = 'jsonb' and table_schema = 'public'");
        assertThat(columns).extracting(c -> c.get("table_name") + "." + c.get("column_name")).contains(
                "workflow_template_steps.action_config", "workflow_template_versions.snapshot",
                "workflow_instance_steps.action_config", "workflow_instance_steps.action_data",
                "audit_events.metadata");
    }

    private String indexDefinition(String name) {
        return jdbc.queryForObject("select indexdef from pg_indexes where indexname = ?", String.class, name);
    }
}
