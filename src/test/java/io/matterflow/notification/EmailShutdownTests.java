package io.matterflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.matterflow.directory.Directory;
import io.matterflow.directory.UserAccount;
import io.matterflow.support.H2Test;
import io.matterflow.support.TestFirm;

/**
 * A node that stops while it is sending finishes the email on the wire, claims no other recipient, and hands back
 * its leases: another node then sends every remaining email at once (long before the claim timeout), each once.
 */
@H2Test
@Timeout(60)
class EmailShutdownTests {

    @Autowired
    EmailOutbox outbox;
    @Autowired
    FeatureFlags flags;
    @Autowired
    Directory directory;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Clock clock;

    /** Records what it sends; the first send waits until the test lets it go. */
    static final class Channel implements EmailChannel {
        final List<String> sent = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch proceed;

        Channel(boolean blockFirst) {
            proceed = new CountDownLatch(blockFirst ? 1 : 0);
        }

        @Override
        public void send(Email email) {
            entered.countDown();
            try {
                proceed.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sent.add(email.to() + "|" + email.subject());
        }

        @Override
        public String name() {
            return "test";
        }
    }

    @Test
    void shouldHandBackItsLeasesSoAnotherNodeSendsTheRestOnce() throws Exception {
        var firm = TestFirm.create(directory);
        List<UserAccount> recipients = List.of(firm.owner(), firm.associate(), firm.paralegal(), firm.admin());
        for (UserAccount recipient : recipients) {
            outbox.enqueue(new EmailOutbox.NewEmail(firm.orgId(), recipient.id(), recipient.email(), recipient.displayName(),
                    UUID.randomUUID(), AccountEmails.Kind.ACCOUNT_PASSWORD_RESET.name(), "Reset " + recipient.email(),
                    "body", "summary", null, null, null), clock.instant());
        }
        // a long claim timeout: had the stopping node kept its leases, the other could not send for ten minutes
        var properties = new NotificationProperties(Duration.ofMillis(50), true, 50, Duration.ofMinutes(10), null,
                null, null, null, null);
        var stoppingChannel = new Channel(true);
        var stopping = new EmailSender(outbox, stoppingChannel, flags, properties, clock);
        stopping.start();
        assertThat(stoppingChannel.entered.await(20, TimeUnit.SECONDS)).isTrue();
        var stopped = CompletableFuture.runAsync(stopping::stop);
        Thread.sleep(200); // stop() is waiting for the email on the wire
        stoppingChannel.proceed.countDown();
        stopped.get(30, TimeUnit.SECONDS);

        assertThat(jdbc.queryForObject("select count(*) from email_recipient_leases where claimed_by = ?",
                Integer.class, stopping.node())).isZero();
        assertThat(stoppingChannel.sent).as("one recipient served, then no other claimed")
                .filteredOn(line -> recipients.stream().anyMatch(r -> line.startsWith(r.email() + "|")))
                .hasSizeLessThanOrEqualTo(1);

        var otherChannel = new Channel(false);
        var other = new EmailSender(outbox, otherChannel, flags, properties, clock);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            other.sendDue();
            return pending(firm) == 0;
        });
        var all = new ArrayList<String>(stoppingChannel.sent);
        all.addAll(otherChannel.sent);
        for (UserAccount recipient : recipients) {
            assertThat(all).as("emails to %s", recipient.email())
                    .filteredOn(line -> line.equals(recipient.email() + "|Reset " + recipient.email())).hasSize(1);
        }
        assertThat(jdbc.queryForList("select status from email_outbox where org_id = ?", String.class, firm.orgId()))
                .hasSize(4).containsOnly("SENT");
    }

    private int pending(TestFirm firm) {
        return jdbc.queryForObject("select count(*) from email_outbox where org_id = ? and status = 'PENDING'",
                Integer.class, firm.orgId());
    }
}
