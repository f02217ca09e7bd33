package io.matterflow.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

import io.matterflow.action.ActionType;
import io.matterflow.directory.Directory;
import io.matterflow.support.TestFirm;

/** The migration's constraints reject bad rows; run on H2 and PostgreSQL by the subclasses. */
abstract class SchemaScenarios {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Directory directory;

    TestFirm firm;
    UUID templateId;
    String json;

    @BeforeEach
    void rows() {
        firm = TestFirm.create(directory);
        json = isPostgres() ? "jsonb" : "json";
        templateId = UUID.randomUUID();
        jdbc.update("insert into workflow_templates (id, org_id, name, version, is_active, created_by_id, created_at,"
                + " updated_at) values (?, ?, 'T', 1, true, ?, ?, ?)", templateId, firm.orgId(), firm.owner().id(),
                now(), now());
        insertTemplateStep(0, "CHECKLIST", "PARALEGAL");
        jdbc.update("insert into workflow_template_versions (template_id, version, snapshot, published_by_id,"
                + " published_at) values (?, 1, cast(? as " + json + "), ?, ?)", templateId, "{\"steps\":[]}",
                firm.owner().id(), now());
    }

    boolean isPostgres() {
        return jdbc.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName())
                .toLowerCase().contains("postgres");
    }

    @Test
    void shouldRejectASecondTemplateStepAtTheSameOrder() {
        assertRejected(() -> insertTemplateStep(0, "CHECKLIST", "PARALEGAL"), "workflow_template_steps");
        insertTemplateStep(1, "CHECKLIST", "PARALEGAL");
        assertThat(count("workflow_template_steps where template_id = '" + templateId + "'")).isEqualTo(2);
    }

    @Test
    void shouldRejectUnknownRoleScopesAndNegativeOrders() {
        assertRejected(() -> insertTemplateStep(5, "CHECKLIST", "JUDGE"), "workflow_template_steps");
        assertRejected(() -> insertTemplateStep(-1, "CHECKLIST", "PARALEGAL"), "workflow_template_steps");
    }

    @Test
    void shouldAcceptEveryBuiltInActionTypeInTemplateAndInstanceSteps() {
        UUID instance = insertInstance("ACTIVE");
        int order = 10;
        for (ActionType type : ActionType.builtIn()) {
            insertTemplateStep(order++, type.name(), "LAWYER");
            insertInstanceStep(instance, "READY", type.name());
        }
        assertThat(count("workflow_instance_steps where instance_id = '" + instance + "'"))
                .isEqualTo(ActionType.builtIn().size());
    }

    /**
     * Which types a step may have is the action registry's answer (a 400 at the API, see BadInputTests), not the
     * schema's: a plugged-in type's rows need no migration. Only the column's width bounds the name.
     */
    @Test
    void shouldLeaveTheActionTypeToTheRegistryUpToTheColumnsWidth() {
        UUID instance = insertInstance("ACTIVE");
        insertTemplateStep(5, "TELEPATHY", "PARALEGAL");
        insertInstanceStep(instance, "READY", "NOTARIZATION_LAWYER");
        assertThat(count("workflow_template_steps where action_type = 'TELEPATHY' and template_id = '" + templateId
                + "'")).isEqualTo(1);
        assertThat(count("workflow_instance_steps where action_type = 'NOTARIZATION_LAWYER' and instance_id = '"
                + instance + "'")).isEqualTo(1);
        assertRejected(() -> insertTemplateStep(6, "X".repeat(ActionType.MAX_NAME + 1), "PARALEGAL"),
                "workflow_template_steps");
    }

    @Test
    void shouldRejectUnknownMatterStatuses() {
        assertRejected(() -> jdbc.update("update matters set status = 'ARCHIVED' where id = ?", firm.matter().id()),
                "matters");
        jdbc.update("update matters set status = 'CLOSED' where id = ?", firm.matter().id());
        assertThat(count("matters where status = 'CLOSED' and id = '" + firm.matter().id() + "'")).isEqualTo(1);
    }

    @Test
    void shouldRejectUnknownInstanceStatusesAndStepStates() {
        assertRejected(() -> insertInstance("FINISHED"), "workflow_instances");
        UUID instance = insertInstance("ACTIVE");
        insertInstanceStep(instance, "READY");
        assertRejected(() -> insertInstanceStep(instance, "DONE"), "workflow_instance_steps");
    }

    @Test
    void shouldRejectInstancesOfAnUnpublishedVersion() {
        assertRejected(() -> jdbc.update("insert into workflow_instances (id, org_id, template_id, matter_id,"
                + " template_version, title, status, created_by_id, created_at, updated_at) values"
                + " (?, ?, ?, ?, 9, 'I', 'ACTIVE', ?, ?, ?)", UUID.randomUUID(), firm.orgId(), templateId,
                firm.matter().id(), firm.owner().id(), now(), now()), "workflow_instances");
    }

    @Test
    void shouldRejectUnknownUserRolesAndDuplicateEmails() {
        assertRejected(() -> jdbc.update("insert into users (id, org_id, email, display_name, role, password_hash,"
                + " created_at) values (?, ?, ?, 'X', 'PARTNER', 'h', ?)", UUID.randomUUID(), firm.orgId(),
                "x-" + UUID.randomUUID() + "@firm.test", now()), "users");
        assertRejected(() -> jdbc.update("insert into users (id, org_id, email, display_name, role, password_hash,"
                + " created_at) values (?, ?, ?, 'X', 'LAWYER', 'h', ?)", UUID.randomUUID(), firm.orgId(),
                firm.owner().email(), now()), "users");
    }

    @Test
    void shouldRejectTwoAuditEventsAtOneSequenceOfAStream() {
        UUID stream = UUID.randomUUID();
        insertAudit(stream, 1);
        assertRejected(() -> insertAudit(stream, 1), "audit_events");
        assertRejected(() -> insertAudit(stream, 0), "audit_events");
    }

    @Test
    void shouldRejectNegativeTemplateVersions() {
        assertRejected(() -> jdbc.update("update workflow_templates set version = -1 where id = ?", templateId),
                "workflow_templates");
        assertThat(jdbc.queryForObject("select version from workflow_templates where id = ?", Integer.class,
                templateId)).isEqualTo(1);
    }

    @Test
    void shouldRejectApiTokensSharingADigestExpiringBeforeCreationOrOfNoUser() {
        String digest = "ab".repeat(32);
        insertToken(digest, now(), Timestamp.from(Instant.now().plusSeconds(60)));
        assertRejected(() -> insertToken(digest, now(), Timestamp.from(Instant.now().plusSeconds(60))), "api_tokens");
        assertRejected(() -> insertToken("cd".repeat(32), now(), Timestamp.from(Instant.now().minusSeconds(60))),
                "api_tokens");
        assertRejected(() -> jdbc.update("insert into api_tokens (id, org_id, user_id, name, token_hash, created_at,"
                + " expires_at) values (?, ?, ?, 'T', ?, ?, ?)", UUID.randomUUID(), firm.orgId(), UUID.randomUUID(),
                "ef".repeat(32), now(), Timestamp.from(Instant.now().plusSeconds(60))), "api_tokens");
    }

    @Test
    void shouldRequireExactlyOneOwnerOfADocument() {
        UUID instance = insertInstance("ACTIVE");
        UUID step = insertInstanceStep(instance, "READY");
        insertDocument(null, templateId, null);
        insertDocument(null, null, instance);
        insertDocument(step, null, null);
        assertRejected(() -> insertDocument(null, null, null), "documents");
        assertRejected(() -> insertDocument(step, templateId, null), "documents");
        assertRejected(() -> insertDocument(null, templateId, instance), "documents");
        assertRejected(() -> insertDocument(step, null, instance), "documents");
        assertRejected(() -> insertDocument(null, UUID.randomUUID(), null), "documents");
    }

    private void insertDocument(UUID step, UUID template, UUID instance) {
        jdbc.update("insert into documents (id, org_id, step_id, template_id, instance_id, name, content_type,"
                + " size_bytes, sha256, storage_key, uploaded_by_id, uploaded_at, scan_status) values"
                + " (?, ?, ?, ?, ?, 'a.pdf', 'application/pdf', 1, 'h', 'k', ?, ?, 'UNSCANNED')", UUID.randomUUID(),
                firm.orgId(), step, template, instance, firm.owner().id(), now());
    }

    private void insertToken(String digest, Timestamp createdAt, Timestamp expiresAt) {
        jdbc.update("insert into api_tokens (id, org_id, user_id, name, token_hash, created_at, expires_at)"
                + " values (?, ?, ?, 'T', ?, ?, ?)", UUID.randomUUID(), firm.orgId(), firm.owner().id(), digest,
                createdAt, expiresAt);
    }

    private void assertRejected(Runnable insert, String table) {
        long before = count(table);
        assertThatThrownBy(insert::run).isInstanceOf(DataIntegrityViolationException.class);
        assertThat(count(table)).isEqualTo(before);
    }

    private long count(String tableAndWhere) {
        return jdbc.queryForObject("select count(*) from " + tableAndWhere, Long.class);
    }

    private void insertTemplateStep(int order, String type, String scope) {
        jdbc.update("insert into workflow_template_steps (id, template_id, step_order, title, action_type,"
                + " action_config, role_scope) values (?, ?, ?, 'S', ?, cast(? as " + json + "), ?)",
                UUID.randomUUID(), templateId, order, type, "{}", scope);
    }

    private UUID insertInstance(String status) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into workflow_instances (id, org_id, template_id, matter_id, template_version, title,"
                + " status, created_by_id, created_at, updated_at) values (?, ?, ?, ?, 1, 'I', ?, ?, ?, ?)", id,
                firm.orgId(), templateId, firm.matter().id(), status, firm.owner().id(), now(), now());
        return id;
    }

    private UUID insertInstanceStep(UUID instance, String state) {
        return insertInstanceStep(instance, state, "CHECKLIST");
    }

    private UUID insertInstanceStep(UUID instance, String state, String type) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into workflow_instance_steps (id, instance_id, org_id, step_order, title, action_type,"
                + " role_scope, action_config, action_state, action_data, updated_at, matter_id, instance_status)"
                + " values (?, ?, ?, 0, 'S', ?, 'PARALEGAL', cast(? as " + json + "), ?, cast(? as " + json
                + "), ?, ?, 'ACTIVE')", id, instance, firm.orgId(), type, "{}", state, "{}", now(),
                firm.matter().id());
        return id;
    }

    private void insertAudit(UUID stream, long seq) {
        jdbc.update("insert into audit_events (id, org_id, stream_id, seq, occurred_at, actor_type, actor_id,"
                + " actor_name, action, entity_type, entity_id, metadata, prev_hash, hash) values"
                + " (?, ?, ?, ?, ?, 'SYSTEM', 'system', 'system', 'x', 'X', ?, cast(? as " + json + "), 'p', 'h')",
                UUID.randomUUID(), firm.orgId(), stream, seq, now(), UUID.randomUUID(), "{}");
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }
}
