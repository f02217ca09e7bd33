package io.matterflow.audit.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface AuditEventRepository extends JpaRepository<AuditEventEntity, UUID> {

    List<AuditEventEntity> findByOrgIdAndEntityIdOrderByOccurredAtAscSeqAsc(UUID orgId, UUID entityId);

    List<AuditEventEntity> findByOrgIdAndStreamIdOrderBySeqAsc(UUID orgId, UUID streamId);

    List<AuditEventEntity> findByOrgIdAndStreamIdOrderBySeqAsc(UUID orgId, UUID streamId, Pageable pageable);

    Page<AuditEventEntity> findByOrgIdOrderByOccurredAtDescSeqDesc(UUID orgId, Pageable pageable);

    @Query("select distinct e.streamId from AuditEventEntity e where e.orgId = :orgId")
    List<UUID> findStreamIds(UUID orgId);
}
