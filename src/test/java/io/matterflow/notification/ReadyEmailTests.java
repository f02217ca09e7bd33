package io.matterflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

import io.matterflow.MatterflowApplication;
import io.matterflow.action.ActionType;
import io.matterflow.action.RoleScope;
import io.matterflow.directory.Directory;
import io.matterflow.directory.UserAccount;
import io.matterflow.instance.Instances;
import io.matterflow.instance.StepBecameReady;
import io.matterflow.support.MutableClock;
import io.matterflow.support.PostgresDatabase;
import io.matterflow.support.PostgresTest;
import io.matterflow.support.TestFirm;
import io.matterflow.support.Workflows;
import io.matterflow.template.StepDefinition;
import io.matterflow.template.TemplateDetails;
import io.matterflow.template.Templates;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * READY emails end to end on PostgreSQL, with GreenMail as the SMTP server: queued in the transition's transaction,
 * sent once per recipient after commit, behind the organization's flag, throttled into a digest, retried while the
 * server is down, and sent once by two nodes sharing the database. The SMTP port is free and chosen once per JVM.
 */
@PostgresTest
@Timeout(180)
@TestPropertySource(properties = {
        "spring.mail.host=127.0.0.1",
        "matterflow.notifications.sender-enabled=true",
        "matterflow.notifications.poll-interval=100ms",
        "matterflow.notifications.retry.initial-backoff=200ms",
        "matterflow.notifications.retry.max-backoff=1s",
        "matterflow.notifications.base-url=https://matterflow.example"})
class ReadyEmailTests {

    static final int SMTP_PORT = freePort();
    static final MutableClock CLOCK = new MutableClock();
    private static final Duration DELIVERY = Duration.ofSeconds(20);
    private static final Duration QUIET = Duration.ofMillis(800);

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(
            new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)).withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @TestBean
    Clock clock;

    static Clock clock() {
        return CLOCK;
    }

    @Autowired
    Directory directory;
    @Autowired
    FeatureFlags flags;
    @Autowired
    Notifications notifications;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    Workflows workflows;

    @Test
    void shouldEmailEachEligiblePerformerOnceWithTheMatterAndTheStep() throws Exception {
        var firm = TestFirm.create(directory);
        emailOn(firm);

        var instance = workflows.instance(firm, "Engagement for Acme",
                step("Approve the engagement letter", RoleScope.LAWYER, true));
        UUID stepId = instance.steps().get(0).id();

        // queued by the transition itself: the rows are there as soon as it returned
        assertThat(queued(stepId)).containsExactlyInAnyOrder(firm.owner().email(), firm.associate().email());

        awaitMessages(firm.owner(), 1);
        awaitMessages(firm.associate(), 1);
        Thread.sleep(QUIET.toMillis());
        for (UserAccount lawyer : List.of(firm.owner(), firm.associate())) {
            var messages = messagesTo(lawyer);
            assertThat(messages).hasSize(1);
            MimeMessage message = messages.get(0);
            String body = text(message);
            assertThat(message.getSubject()).contains("Approve the engagement letter", firm.matter().reference());
            assertThat(body).contains("Approve the engagement letter", "Engagement for Acme",
                    firm.matter().reference() + " " + firm.matter().title(),
                    "https://matterflow.example/matters/" + firm.matter().id() + "/workflows/" + instance.id()
                            + "#step-" + stepId,
                    lawyer.displayName());
        }
        assertThat(messagesTo(firm.paralegal())).isEmpty();
        assertThat(statuses(stepId)).containsOnly("SENT");
    }

    @Test
    void shouldEmailOnlyTheAssigneeOfAnAssignedStepAndQueueARepeatedEventOnce() {
        var firm = TestFirm.create(directory);
        emailOn(firm);
        UUID stepId = UUID.randomUUID();
        var event = new StepBecameReady(stepId, UUID.randomUUID(), firm.matter().id(), firm.orgId(),
                ActionType.CHECKLIST, RoleScope.LAWYER, firm.associate().id(), "Send the welcome pack", "Onboarding",
                UUID.randomUUID());

        var transactions = new TransactionTemplate(transactionManager);
        transactions.executeWithoutResult(status -> events.publishEvent(event));
        transactions.executeWithoutResult(status -> events.publishEvent(event));

        assertThat(queued(stepId)).containsExactly(firm.associate().email());
        awaitMessages(firm.associate(), 1);
        assertThat(text(messagesTo(firm.associate()).get(0))).contains("assigned to you");
        assertThat(messagesTo(firm.owner())).isEmpty();
    }

    @Test
    void shouldSendNoEmailWhileTheFlagIsOffButNotifyInAppAndFollowTheFlagWithoutARestart() throws Exception {
        var firm = TestFirm.create(directory);
        assertThat(flags.isEnabled(firm.orgId(), FeatureFlags.READY_EMAIL)).isFalse();

        var quiet = workflows.instance(firm, "Quiet run", step("Review the file", RoleScope.PARALEGAL, true));
        UUID quietStep = quiet.steps().get(0).id();
        assertThat(queued(quietStep)).isEmpty();
        await().atMost(DELIVERY).until(() -> inApp(firm, firm.paralegal(), quietStep));
        Thread.sleep(QUIET.toMillis());
        assertThat(messagesTo(firm.paralegal())).isEmpty();

        emailOn(firm);
        var loud = workflows.instance(firm, "Loud run", step("Review the file", RoleScope.PARALEGAL, true));
        UUID loudStep = loud.steps().get(0).id();
        awaitMessages(firm.paralegal(), 1);
        assertThat(text(messagesTo(firm.paralegal()).get(0))).contains("Loud run");
        await().atMost(DELIVERY).until(() -> inApp(firm, firm.paralegal(), loudStep));
    }

    @Test
    void shouldFoldTheEmailsBeyondTheThrottleIntoOneDigest() throws Exception {
        var firm = TestFirm.create(directory);
        emailOn(firm);
        // seven optional steps become READY together: seven emails to the paralegal in one transaction
        var definitions = IntStream.rangeClosed(1, 7)
                .mapToObj(i -> step("Task " + i, RoleScope.PARALEGAL, false)).toArray(StepDefinition[]::new);
        var instance = workflows.instance(firm, "Busy run", definitions);
        var stepIds = instance.steps().stream().map(s -> s.id()).toList();
        assertThat(stepIds.stream().flatMap(id -> queued(id).stream())).hasSize(7);

        awaitMessages(firm.paralegal(), 5);
        Thread.sleep(QUIET.toMillis());
        assertThat(messagesTo(firm.paralegal())).hasSize(5);
        assertThat(jdbc.queryForObject("""
                select count(*) from email_outbox where recipient_id = ? and status = 'PENDING' and throttled
                """, Integer.class, firm.paralegal().id())).isEqualTo(2);

        try {
            CLOCK.shift(Duration.ofMinutes(15).plusSeconds(1));
            awaitMessages(firm.paralegal(), 6);
        } finally {
            CLOCK.shift(Duration.ZERO);
        }
        Thread.sleep(QUIET.toMillis());
        var messages = messagesTo(firm.paralegal());
        assertThat(messages).hasSize(6);
        var singles = new HashSet<String>();
        for (MimeMessage message : messages.subList(0, 5)) {
            assertThat(message.getSubject()).startsWith("Ready for you: Task ");
            singles.add(message.getSubject().substring("Ready for you: ".length()).split(" · ")[0]);
        }
        MimeMessage digest = messages.get(5);
        assertThat(digest.getSubject()).isEqualTo("Matterflow digest: 2 steps are ready for you");
        var folded = IntStream.rangeClosed(1, 7).mapToObj(i -> "Task " + i).filter(t -> !singles.contains(t)).toList();
        assertThat(folded).hasSize(2);
        assertThat(text(digest)).contains(folded.get(0) + " · Busy run", folded.get(1) + " · Busy run");
        assertThat(jdbc.queryForList("select status from email_outbox where recipient_id = ?", String.class,
                firm.paralegal().id())).hasSize(7).containsOnly("SENT");
        assertThat(jdbc.queryForObject("select count(distinct message_id) from email_outbox where recipient_id = ?",
                Integer.class, firm.paralegal().id())).isEqualTo(6);
    }

    @Test
    void shouldRetryWhileTheMailServerIsDownAndDeliverOnceWhenItIsBack() throws Exception {
        var firm = TestFirm.create(directory);
        emailOn(firm);
        smtp.stop();
        try {
            var instance = workflows.instance(firm, "Patient run", step("File the form", RoleScope.PARALEGAL, true));
            UUID stepId = instance.steps().get(0).id();
            await().atMost(DELIVERY).until(() -> attempts(stepId) >= 2);
            assertThat(statuses(stepId)).containsExactly("PENDING");
            assertThat(jdbc.queryForObject("select last_error from email_outbox where step_id = ?", String.class,
                    stepId)).isNotBlank();
        } finally {
            smtp.start();
        }
        awaitMessages(firm.paralegal(), 1);
        Thread.sleep(QUIET.toMillis());
        assertThat(messagesTo(firm.paralegal())).hasSize(1);
        assertThat(jdbc.queryForList("select status from email_outbox where recipient_id = ?", String.class,
                firm.paralegal().id())).containsExactly("SENT");
    }

    @Test
    void shouldSendEachEmailOnceWhenTwoNodesShareTheDatabase() throws Exception {
        ConfigurableApplicationContext otherNode = new SpringApplicationBuilder(MatterflowApplication.class)
                .profiles("test")
                .run("--spring.datasource.url=" + PostgresDatabase.url(),
                        "--spring.datasource.username=" + PostgresDatabase.user(),
                        "--spring.datasource.password=" + PostgresDatabase.password(),
                        "--server.port=0", "--matterflow.demo.seed=NEVER",
                        "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + SMTP_PORT,
                        "--matterflow.notifications.sender-enabled=true",
                        "--matterflow.notifications.poll-interval=100ms");
        try {
            var firm = TestFirm.create(directory);
            emailOn(firm);
            StepDefinition[] definitions = {step("Lawyer task", RoleScope.LAWYER, false),
                    step("Paralegal task", RoleScope.PARALEGAL, false), step("Admin task", RoleScope.ADMIN, false)};
            TemplateDetails template = workflows.published(firm, definitions);
            var otherWorkflows = new Workflows(otherNode.getBean(Templates.class), otherNode.getBean(Instances.class));
            List<UUID> runs = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                var on = i % 2 == 0 ? otherWorkflows : workflows;
                runs.add(on.instantiate(firm, template.id(), "Run " + i).id());
            }
            // per run: the owner and the associate (lawyers), the paralegal and the admin
            List<UserAccount> recipients = List.of(firm.owner(), firm.associate(), firm.paralegal(), firm.admin());
            for (UserAccount recipient : recipients) {
                awaitMessages(recipient, runs.size());
            }
            Thread.sleep(QUIET.toMillis() * 2);
            var seen = new HashSet<String>();
            for (UserAccount recipient : recipients) {
                var messages = messagesTo(recipient);
                assertThat(messages).as("emails to %s", recipient.email()).hasSize(runs.size());
                for (MimeMessage message : messages) {
                    assertThat(seen.add(recipient.email() + "|" + message.getSubject() + "|"
                            + text(message))).as("a repeated email").isTrue();
                }
            }
            assertThat(jdbc.queryForList("select status from email_outbox where org_id = ?", String.class,
                    firm.orgId())).hasSize(16).containsOnly("SENT");
        } finally {
            otherNode.close();
        }
    }

    // --- helpers

    private void emailOn(TestFirm firm) {
        flags.set(firm.as(firm.admin()), FeatureFlags.READY_EMAIL, true);
    }

    private static StepDefinition step(String title, RoleScope scope, boolean required) {
        return new StepDefinition(title, ActionType.APPROVAL_LAWYER, scope, required, Map.of());
    }

    private List<String> queued(UUID stepId) {
        return jdbc.queryForList("select email from email_outbox where step_id = ?", String.class, stepId);
    }

    private List<String> statuses(UUID stepId) {
        return jdbc.queryForList("select status from email_outbox where step_id = ?", String.class, stepId);
    }

    private int attempts(UUID stepId) {
        return jdbc.queryForObject("select attempts from email_outbox where step_id = ?", Integer.class, stepId);
    }

    private boolean inApp(TestFirm firm, UserAccount user, UUID stepId) {
        return notifications.of(firm.as(user), false, org.springframework.data.domain.PageRequest.of(0, 50))
                .stream().anyMatch(n -> stepId.equals(n.stepId()));
    }

    private void awaitMessages(UserAccount user, int count) {
        await().atMost(DELIVERY).pollInterval(Duration.ofMillis(100))
                .until(() -> messagesTo(user).size() >= count);
    }

    /** The messages GreenMail received for the user, in the order they arrived. */
    private static List<MimeMessage> messagesTo(UserAccount user) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> addressedTo(m, user.email())).toList();
    }

    /** The message's text, decoded. */
    private static String text(MimeMessage message) {
        try {
            return (String) message.getContent();
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean addressedTo(MimeMessage message, String email) {
        try {
            Address[] recipients = message.getAllRecipients();
            return recipients != null && Arrays.stream(recipients)
                    .anyMatch(a -> a instanceof InternetAddress ia && email.equalsIgnoreCase(ia.getAddress()));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
