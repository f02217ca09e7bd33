package io.matterflow.directory.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import io.matterflow.directory.Emails;
import io.matterflow.directory.Role;

public interface UserRepository extends JpaRepository<UserEntity, UUID> {

    /** By the canonical email ({@link Emails#canonical}), as every stored email is. */
    Optional<UserEntity> findByEmail(String email);

    @Query("select u.id from UserEntity u where u.orgId = :orgId and u.role = :role and u.active = true")
    List<UUID> findActiveIdsByOrgIdAndRole(UUID orgId, Role role);

    @Query("select u.id from UserEntity u where u.orgId = :orgId and u.active = true and u.id in :ids")
    List<UUID> findActiveIds(UUID orgId, java.util.Collection<UUID> ids);

    List<UserEntity> findByOrgIdOrderByDisplayName(UUID orgId);
}
