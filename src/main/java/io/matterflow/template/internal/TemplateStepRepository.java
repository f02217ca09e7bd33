package io.matterflow.template.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface TemplateStepRepository extends JpaRepository<TemplateStepEntity, UUID> {

    @Query("select s from TemplateStepEntity s where s.templateId = :templateId order by s.order")
    List<TemplateStepEntity> findDraft(UUID templateId);
}
