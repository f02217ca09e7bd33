package io.matterflow.audit.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface AuditHeadRepository extends JpaRepository<AuditHeadEntity, UUID> {

    @Query("""
            select h from AuditHeadEntity h where h.orgId = :orgId
            and not exists (select 1 from AuditEventEntity e where e.streamId = h.streamId)
            """)
    List<AuditHeadEntity> findHeadsWithoutEvents(UUID orgId);
}
