package io.matterflow.template;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface TemplateRepository extends JpaRepository<TemplateEntity, UUID> {

    Optional<TemplateEntity> findByIdAndOrgId(UUID id, UUID orgId);

    Page<TemplateEntity> findByOrgId(UUID orgId, Pageable pageable);

    @Query("""
            select t from TemplateEntity t where t.orgId = :orgId
            and (lower(t.name) like :pattern or lower(coalesce(t.description, '')) like :pattern)
            """)
    Page<TemplateEntity> search(UUID orgId, String pattern, Pageable pageable);
}

interface TemplateStepRepository extends JpaRepository<TemplateStepEntity, UUID> {

    @Query("select s from TemplateStepEntity s where s.templateId = :templateId order by s.order")
    List<TemplateStepEntity> findDraft(UUID templateId);

    @Modifying(flushAutomatically = true, clearAutomatically = false)
    @Query("delete from TemplateStepEntity s where s.templateId = :templateId")
    int deleteDraft(UUID templateId);
}

interface TemplateVersionRepository extends JpaRepository<TemplateVersionEntity, TemplateVersionEntity.Key> {

    @Query("select v from TemplateVersionEntity v where v.templateId = :templateId order by v.version desc")
    List<TemplateVersionEntity> findVersions(UUID templateId);

    @Query("select v from TemplateVersionEntity v where v.templateId = :templateId and v.version = :version")
    Optional<TemplateVersionEntity> findVersion(UUID templateId, int version);
}
