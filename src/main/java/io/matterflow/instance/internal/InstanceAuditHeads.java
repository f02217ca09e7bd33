package io.matterflow.instance.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.matterflow.audit.AuditHead;
import io.matterflow.audit.AuditHeadRows;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * An instance's audit chain keeps its head on the instance's row: every step change updates that row anyway (its
 * version serializes the instance's changes), so an append costs neither a read nor a write of its own.
 */
@Component
class InstanceAuditHeads implements AuditHeadRows {

    @PersistenceContext
    private EntityManager em;

    @Override
    public AuditHead find(UUID streamId) {
        InstanceEntity instance = em.find(InstanceEntity.class, streamId);
        return instance == null ? null : instance.auditHead();
    }

    @Override
    public List<UUID> begunStreams(UUID orgId) {
        return em.createQuery("select i.id from InstanceEntity i where i.orgId = :orgId and i.auditHead.seq > 0",
                UUID.class).setParameter("orgId", orgId).getResultList();
    }
}
