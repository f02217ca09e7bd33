package io.matterflow.action.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface DocumentRepository extends JpaRepository<DocumentEntity, UUID> {

    Optional<DocumentEntity> findByIdAndOrgId(UUID id, UUID orgId);

    List<DocumentEntity> findByStepIdOrderByUploadedAt(UUID stepId);

    List<DocumentEntity> findByOrgIdAndTemplateIdOrderByUploadedAt(UUID orgId, UUID templateId);

    List<DocumentEntity> findByOrgIdAndInstanceIdOrderByUploadedAt(UUID orgId, UUID instanceId);

    /** {@code [count, bytes]} of the step's documents. */
    @Query("select count(d), coalesce(sum(d.size), 0) from DocumentEntity d where d.stepId = :stepId")
    List<Object[]> usageOfStep(UUID stepId);

    /** Joins the step's transition: neither flushes nor clears what that transaction manages. */
    @Modifying
    @Query("update DocumentEntity d set d.submittedAt = :at"
            + " where d.orgId = :orgId and d.stepId = :stepId and d.id in :ids")
    int markSubmitted(UUID orgId, UUID stepId, Collection<UUID> ids, Instant at);

    /**
     * The oldest uploads to steps no completed step named, uploaded before the cutoff. The firm's documents for
     * templates and instances are not uploads waiting to be submitted: they stay.
     */
    @Query("select d from DocumentEntity d where d.stepId is not null and d.submittedAt is null"
            + " and d.uploadedAt < :cutoff order by d.uploadedAt")
    List<DocumentEntity> findUnsubmittedBefore(Instant cutoff, Limit limit);

    /**
     * Deletes the document only if it is still unsubmitted and older than the cutoff: the condition is evaluated by
     * the database on the row itself, so of several nodes removing it, or a completion submitting it, one wins.
     */
    @Modifying
    @Query("delete from DocumentEntity d where d.id = :id and d.stepId is not null and d.submittedAt is null"
            + " and d.uploadedAt < :cutoff")
    int deleteIfUnsubmitted(UUID id, Instant cutoff);
}
