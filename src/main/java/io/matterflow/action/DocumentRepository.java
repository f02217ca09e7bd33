package io.matterflow.action;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface DocumentRepository extends JpaRepository<DocumentEntity, UUID> {

    Optional<DocumentEntity> findByIdAndOrgId(UUID id, UUID orgId);

    List<DocumentEntity> findByStepIdOrderByUploadedAt(UUID stepId);
}
