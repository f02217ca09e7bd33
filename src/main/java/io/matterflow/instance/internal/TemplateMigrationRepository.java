package io.matterflow.instance.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import jakarta.persistence.LockModeType;

public interface TemplateMigrationRepository extends JpaRepository<TemplateMigrationEntity, UUID> {

    Optional<TemplateMigrationEntity> findByIdAndOrgIdAndTemplateId(UUID id, UUID orgId, UUID templateId);

    /** The migration, its row locked until the transaction ends: whoever finishes it does so once. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select m from TemplateMigrationEntity m where m.id = :id")
    Optional<TemplateMigrationEntity> lock(UUID id);

    @Query("select i from TemplateMigrationItemEntity i where i.migrationId = :migrationId order by i.position")
    List<TemplateMigrationItemEntity> findItems(UUID migrationId);

    /** The item, its row locked until the transaction ends: one runner at a time migrates its instance. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select i from TemplateMigrationItemEntity i where i.migrationId = :migrationId and i.instanceId = :instanceId")
    Optional<TemplateMigrationItemEntity> lockItem(UUID migrationId, UUID instanceId);

    /** The instance, its row locked until the transaction ends: edits of it wait for its migration, or it for them. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select i from InstanceEntity i where i.id = :id")
    Optional<InstanceEntity> lockInstance(UUID id);

    /** The organization's instances of the template at this version in these statuses, oldest first. */
    @Query("""
            select i from InstanceEntity i where i.orgId = :orgId and i.templateId = :templateId
            and i.templateVersion = :version and i.status in :statuses order by i.createdAt, i.id""")
    List<InstanceEntity> findCandidates(UUID orgId, UUID templateId, int version,
                                        java.util.Collection<io.matterflow.instance.WorkflowStatus> statuses);
}
