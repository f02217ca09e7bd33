package io.matterflow.audit;

import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface AuditEventRepository extends JpaRepository<AuditEventEntity, UUID> {

    List<AuditEventEntity> findByOrgIdAndEntityIdOrderByOccurredAtAscSeqAsc(UUID orgId, UUID entityId);

    List<AuditEventEntity> findByOrgIdAndStreamIdOrderBySeqAsc(UUID orgId, UUID streamId);

    List<AuditEventEntity> findByOrgIdAndStreamIdOrderBySeqAsc(UUID orgId, UUID streamId, Pageable pageable);

    Page<AuditEventEntity> findByOrgIdOrderByOccurredAtDescSeqDesc(UUID orgId, Pageable pageable);

    @Query("select distinct e.streamId from AuditEventEntity e where e.orgId = :orgId")
    List<UUID> findStreamIds(UUID orgId);
}

interface AuditHeadRepository extends JpaRepository<AuditHeadEntity, UUID> {

    @Query("""
            select h from AuditHeadEntity h where h.orgId = :orgId
            and not exists (select 1 from AuditEventEntity e where e.streamId = h.streamId)
            """)
    List<AuditHeadEntity> findHeadsWithoutEvents(UUID orgId);
}
