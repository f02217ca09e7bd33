package io.matterflow.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

import io.matterflow.directory.Actor;
import io.matterflow.directory.Directory;
import io.matterflow.support.TestFirm;

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

    private void assertInvalidAt(AuditEvent expected, String reason) {
        var result = audit.verify(firm.orgId());
        assertThat(result.valid()).isFalse();
        assertThat(result.firstBadEventId()).isEqualTo(expected.id());
        assertThat(result.reason()).contains(reason);
    }
}
