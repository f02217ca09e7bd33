package io.matterflow.template.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface TemplateVersionRepository extends JpaRepository<TemplateVersionEntity, TemplateVersionEntity.Key> {

    @Query("select v from TemplateVersionEntity v where v.templateId = :templateId order by v.version desc")
    List<TemplateVersionEntity> findVersions(UUID templateId);

    @Query("select v from TemplateVersionEntity v where v.templateId = :templateId and v.version = :version")
    Optional<TemplateVersionEntity> findVersion(UUID templateId, int version);
}
