package io.matterflow.instance;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface InstanceRepository extends JpaRepository<InstanceEntity, UUID> {

    Optional<InstanceEntity> findByIdAndOrgId(UUID id, UUID orgId);

    Page<InstanceEntity> findByOrgIdAndMatterIdOrderByCreatedAtDesc(UUID orgId, UUID matterId, Pageable pageable);
}

interface InstanceStepRepository extends JpaRepository<InstanceStepEntity, UUID> {

    Optional<InstanceStepEntity> findByIdAndOrgId(UUID id, UUID orgId);

    @Query("select s from InstanceStepEntity s where s.instanceId = :instanceId order by s.order, s.id")
    List<InstanceStepEntity> findSteps(UUID instanceId);

    @Query("select s from InstanceStepEntity s where s.instanceId in :instanceIds order by s.instanceId, s.order, s.id")
    List<InstanceStepEntity> findSteps(List<UUID> instanceIds);
}
