package io.matterflow.reminder;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.matterflow.audit.AuditLog;
import io.matterflow.audit.AuditRecord;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Directory;
import io.matterflow.directory.Role;
import io.matterflow.instance.Deadlines;
import io.matterflow.instance.DueStep;

/**
 * Runs a timer that fell due: in one transaction, reads the step, does nothing unless it is still open with the
 * timer's due date, records the notice in {@code step_reminders} (nothing more when it was sent before), tells
 * its people and audits it on the instance's stream. Reminders go to the step's assignee, else each eligible
 * performer; the overdue notice to the matter's owner; the escalation to the firm's admins.
 */
@Component
class Reminders {

    static final String REMINDER_KIND = "STEP_DUE_REMINDER";
    static final String OVERDUE_KIND = "STEP_OVERDUE";
    static final String ESCALATION_KIND = "STEP_ESCALATION";

    private final Deadlines deadlines;
    private final SentReminders sent;
    private final ReminderNotices notices;
    private final Directory directory;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Reminders(Deadlines deadlines, SentReminders sent, ReminderNotices notices, Directory directory, AuditLog audit,
              PlatformTransactionManager transactionManager, Clock clock) {
        this.deadlines = deadlines;
        this.sent = sent;
        this.notices = notices;
        this.directory = directory;
        this.audit = audit;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    void run(ReminderTask task) {
        transactions.executeWithoutResult(status -> deadlines.step(task.stepId())
                .filter(step -> step.open() && step.due() != null && task.dueAt().equals(step.due().at()))
                .ifPresent(step -> send(step, Stage.parse(task.stage()), task.dueAt())));
    }

    private void send(DueStep step, Stage stage, Instant dueAt) {
        if (!sent.record(step.stepId(), stage.key(), dueAt, clock.instant())) {
            return;
        }
        List<UUID> recipients = recipients(step, stage);
        notices.tell(recipients, step, ReminderNotices.sourceId(step.stepId(), stage.key(), dueAt), kind(stage),
                ReminderMessages.title(stage, step.stepTitle()), ReminderMessages.summary(step));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("title", step.stepTitle());
        metadata.put("stage", stage.key());
        metadata.put("dueAt", dueAt.toString());
        metadata.put("recipients", recipients.stream().map(UUID::toString).toList());
        audit.append(new AuditRecord(step.orgId(), step.instanceId(), Actor.system(step.orgId()), stage.auditAction(),
                "STEP", step.stepId(), null, null, metadata));
    }

    private List<UUID> recipients(DueStep step, Stage stage) {
        return switch (stage.kind()) {
            case REMINDER -> deadlines.recipients(step);
            case OVERDUE -> Optional.ofNullable(step.matterOwnerId())
                    .map(owner -> directory.activeAmong(step.orgId(), List.of(owner)).stream().toList())
                    .orElse(List.of());
            case ESCALATION -> directory.userIdsWithRole(step.orgId(), Role.ADMIN).stream().sorted().toList();
        };
    }

    private static String kind(Stage stage) {
        return switch (stage.kind()) {
            case REMINDER -> REMINDER_KIND;
            case OVERDUE -> OVERDUE_KIND;
            case ESCALATION -> ESCALATION_KIND;
        };
    }
}
