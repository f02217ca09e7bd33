package io.matterflow.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Directory;
import io.matterflow.support.TestFirm;
import io.matterflow.support.Workflows;

/** The audit chain: appended in the caller's transaction, verified, and tampering found. H2 and PostgreSQL. */
abstract class AuditScenarios {

    @Autowired
    AuditLog audit;
    @Autowired
    Directory directory;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Workflows workflows;

    TestFirm firm;
    UUID stream;
    List<AuditEvent> events;

    @BeforeEach
    void chain() {
        firm = TestFirm.create(directory);
        stream = UUID.randomUUID();
        events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            events.add(transactions.execute(s -> audit.append(new AuditRecord(firm.orgId(), stream,
                    firm.as(firm.owner()), "step.complete", "STEP", UUID.randomUUID(), "IN_PROGRESS", "COMPLETED",
                    Map.of("n", n, "amount", new BigDecimal("1500.00"), "nested", Map.of("z", 1, "a", List.of("x")))))));
        }
    }

    @Test
    void shouldChainEventsOfAStreamInOrder() {
        var stored = audit.stream(firm.orgId(), stream);
        assertThat(stored).extracting(AuditEvent::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(stored.get(0).metadata()).containsEntry("amount", new BigDecimal("1500.00"));
        assertThat(stored.get(0).actorId()).isEqualTo(firm.owner().id().toString());
        var result = audit.verify(firm.orgId());
        assertThat(result.valid()).isTrue();
        assertThat(result.eventsChecked()).isEqualTo(5);
    }

    @Test
    void shouldVerifyEventsWhoseMetadataHoldsNulls() {
        Map<String, Object> metadata = new java.util.HashMap<>();
        metadata.put("previousAssigneeId", null);
        metadata.put("nested", new java.util.HashMap<>(java.util.Collections.singletonMap("reason", null)));
        metadata.put("list", java.util.Arrays.asList("a", null));
        metadata.put("kept", "yes");
        var appended = transactions.execute(s -> audit.append(new AuditRecord(firm.orgId(), stream,
                firm.as(firm.owner()), "step.assign", "STEP", UUID.randomUUID(), "READY", "READY", metadata)));

        assertThat(audit.verify(firm.orgId()).valid()).isTrue();
        assertThat(appended.metadata()).containsEntry("kept", "yes").doesNotContainKey("previousAssigneeId");
    }

    @Test
    void shouldRefuseToAppendOutsideATransaction() {
        assertThatThrownBy(() -> audit.append(new AuditRecord(firm.orgId(), stream, Actor.system(firm.orgId()), "x",
                "STEP", UUID.randomUUID(), null, null, Map.of()))).isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void shouldFindAnEditedEvent() {
        jdbc.update("update audit_events set to_state = 'FAILED' where id = ?", events.get(2).id());
        assertInvalidAt(events.get(2), "edited");
    }

    @Test
    void shouldFindEditedMetadata() {
        jdbc.update("update audit_events set actor_name = 'Someone else' where id = ?", events.get(1).id());
        assertInvalidAt(events.get(1), "edited");
    }

    @Test
    void shouldFindADeletedEvent() {
        jdbc.update("delete from audit_events where id = ?", events.get(1).id());
        assertInvalidAt(events.get(2), "removed");
    }

    @Test
    void shouldFindTheNewestEventsDeleted() {
        jdbc.update("delete from audit_events where id = ?", events.get(4).id());
        assertInvalidAt(events.get(3), "removed");
    }

    @Test
    void shouldFindReorderedEvents() {
        jdbc.update("update audit_events set seq = 100 where id = ?", events.get(1).id());
        jdbc.update("update audit_events set seq = 2 where id = ?", events.get(3).id());
        jdbc.update("update audit_events set seq = 4 where id = ?", events.get(1).id());
        assertInvalidAt(events.get(3), "");
    }

    @Test
    void shouldFindAWholeStreamDeleted() {
        jdbc.update("delete from audit_events where stream_id = ?", stream);
        var result = audit.verify(firm.orgId());
        assertThat(result.valid()).isFalse();
        assertThat(result.firstBadStreamId()).isEqualTo(stream);
    }

    @Test
    void shouldKeepAnInstancesHeadOnItsRow() {
        UUID instance = instance();
        var chain = audit.stream(firm.orgId(), instance);
        assertThat(chain).extracting(AuditEvent::action).containsExactly("instance.create", "step.ready");
        assertThat(headOnRow(instance)).containsExactly(2L, chain.get(1).hash());
        assertThat(jdbc.queryForObject("select count(*) from audit_heads where stream_id = ?", Long.class, instance))
                .isZero();

        // an append that has not loaded the instance (a reminder's) moves the same head
        var appended = transactions.execute(s -> audit.append(new AuditRecord(firm.orgId(), instance,
                Actor.system(firm.orgId()), "step.reminder", "STEP", UUID.randomUUID(), null, null, Map.of())));
        assertThat(appended.seq()).isEqualTo(3);
        assertThat(headOnRow(instance)).containsExactly(3L, appended.hash());
        assertThat(audit.verify(firm.orgId()).valid()).isTrue();
    }

    @Test
    void shouldFindTheNewestEventOfAnInstanceDeleted() {
        UUID instance = instance();
        var chain = audit.stream(firm.orgId(), instance);
        jdbc.update("delete from audit_events where id = ?", chain.get(1).id());
        assertInvalidAt(chain.get(0), "removed");
    }

    @Test
    void shouldFindAnInstancesWholeChainDeleted() {
        UUID instance = instance();
        jdbc.update("delete from audit_events where stream_id = ?", instance);
        var result = audit.verify(firm.orgId());
        assertThat(result.valid()).isFalse();
        assertThat(result.firstBadStreamId()).isEqualTo(instance);
        assertThat(result.reason()).contains("head at seq 2 but no events");
    }

    @Test
    void shouldMoveAnInstancesHeadOntoItsRowInTheMigration() throws Exception {
        UUID instance = instance();
        var chain = audit.stream(firm.orgId(), instance);
        String sql = new String(new ClassPathResource("db/migration/V26__audit_head_on_the_instance_row.sql")
                .getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        List<String> moves = Arrays.stream(sql.replaceAll("(?m)^--.*$", "").split(";")).map(String::strip)
                .filter(statement -> statement.startsWith("update") || statement.startsWith("delete")).toList();
        assertThat(moves).hasSize(2);
        transactions.executeWithoutResult(tx -> {
            // the instance as it was before: its head in audit_heads, its row without one
            jdbc.update("update workflow_instances set audit_seq = 0, audit_hash = ? where id = ?", AuditLog.GENESIS,
                    instance);
            jdbc.update("insert into audit_heads (stream_id, org_id, seq, hash, version) values (?, ?, 2, ?, 1)",
                    instance, firm.orgId(), chain.get(1).hash());
            moves.forEach(jdbc::update);

            assertThat(headOnRow(instance)).containsExactly(2L, chain.get(1).hash());
            assertThat(jdbc.queryForObject("select count(*) from audit_heads where stream_id = ?", Long.class,
                    instance)).isZero();
            assertThat(jdbc.queryForObject("select seq from audit_heads where stream_id = ?", Long.class, stream))
                    .as("a stream without a row keeps its head").isEqualTo(5L);
            tx.setRollbackOnly();
        });
    }

    private UUID instance() {
        return workflows.instance(firm, Workflows.step("Approve", ActionType.APPROVAL_LAWYER, RoleScope.LAWYER, true))
                .id();
    }

    private List<Object> headOnRow(UUID instance) {
        return jdbc.queryForObject("select audit_seq, audit_hash from workflow_instances where id = ?",
                (rs, n) -> List.of(rs.getLong(1), rs.getString(2)), instance);
    }

    private void assertInvalidAt(AuditEvent expected, String reason) {
        var result = audit.verify(firm.orgId());
        assertThat(result.valid()).isFalse();
        assertThat(result.firstBadEventId()).isEqualTo(expected.id());
        assertThat(result.reason()).contains(reason);
    }
}
