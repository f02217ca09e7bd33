package io.matterflow.instance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.matterflow.action.DocumentInfo;
import io.matterflow.action.Documents;
import io.matterflow.audit.AuditLog;
import io.matterflow.audit.AuditRecord;
import io.matterflow.directory.Actor;
import io.matterflow.instance.internal.InstanceStepRepository;

/**
 * Removes uploads that no completed step named ({@code submitted_at} null) once they are older than
 * {@code matterflow.documents.retention} (7 days): the row, the file (in storage or quarantine) after commit, and an
 * audit event {@code step.document-expired} on the step, by the system. Every node runs it every
 * {@code matterflow.documents.cleanup-interval}; each document is removed by one conditional delete
 * ({@link Documents#removeIfUnsubmitted}), so when nodes overlap, one removes and audits it and the others skip it;
 * a completion naming the document at the same moment either marks it submitted first (the cleanup then leaves it) or
 * finds it gone (409).
 */
@Component
public class DocumentCleanup {

    static final int BATCH = 200;
    private static final Logger log = LoggerFactory.getLogger(DocumentCleanup.class);

    private final Documents documents;
    private final InstanceStepRepository steps;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    DocumentCleanup(Documents documents, InstanceStepRepository steps, AuditLog audit,
                    PlatformTransactionManager transactionManager, Clock clock) {
        this.documents = documents;
        this.steps = steps;
        this.audit = audit;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${matterflow.documents.cleanup-interval:1h}",
            fixedDelayString = "${matterflow.documents.cleanup-interval:1h}")
    void scheduled() {
        try {
            int removed = removeExpired();
            if (removed > 0) {
                log.info("Removed {} unsubmitted uploads older than {}", removed, documents.properties().retention());
            }
        } catch (RuntimeException e) {
            log.warn("Cleanup of unsubmitted uploads failed; the next run tries again", e);
        }
    }

    /**
     * Removes the unsubmitted uploads older than the retention, batch by batch while batches are full and this node
     * makes progress, and incoming files a stopped node left behind.
     *
     * @return how many documents this call removed
     */
    public int removeExpired() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(documents.properties().retention());
        int removed = 0;
        List<DocumentInfo> batch;
        int removedInBatch;
        do {
            batch = documents.unsubmittedBefore(cutoff, BATCH);
            removedInBatch = 0;
            for (DocumentInfo document : batch) {
                try {
                    if (Boolean.TRUE.equals(transactions.execute(status -> remove(document, cutoff)))) {
                        removedInBatch++;
                    }
                } catch (RuntimeException e) {
                    log.warn("Cannot remove unsubmitted upload {}; the next run tries again", document.id(), e);
                }
            }
            removed += removedInBatch;
        } while (batch.size() == BATCH && removedInBatch > 0);
        documents.removeAbandonedIncoming(now.minus(Duration.ofDays(1)));
        return removed;
    }

    private boolean remove(DocumentInfo candidate, Instant cutoff) {
        var removed = documents.removeIfUnsubmitted(candidate.id(), cutoff);
        if (removed.isEmpty()) {
            return false;
        }
        DocumentInfo document = removed.get();
        steps.findById(document.stepId()).ifPresent(step -> audit.append(new AuditRecord(document.orgId(),
                step.instanceId(), Actor.system(document.orgId()), "step.document-expired", "STEP", step.id(),
                step.state().name(), step.state().name(), Map.of("documentId", document.id().toString(),
                        "name", document.name(), "size", document.size(), "status", document.status().name(),
                        "uploadedAt", document.uploadedAt().toString(),
                        "retention", documents.properties().retention().toString()))));
        return true;
    }
}
