package io.matterflow.template.internal;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface TemplateRepository extends JpaRepository<TemplateEntity, UUID> {

    Optional<TemplateEntity> findByIdAndOrgId(UUID id, UUID orgId);

    Page<TemplateEntity> findByOrgId(UUID orgId, Pageable pageable);

    @Query("""
            select t from TemplateEntity t where t.orgId = :orgId
            and (lower(t.name) like :pattern or lower(coalesce(t.description, '')) like :pattern)
            """)
    Page<TemplateEntity> search(UUID orgId, String pattern, Pageable pageable);
}
