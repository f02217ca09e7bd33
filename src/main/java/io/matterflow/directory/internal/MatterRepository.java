package io.matterflow.directory.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import jakarta.persistence.LockModeType;

public interface MatterRepository extends JpaRepository<MatterEntity, UUID> {

    Optional<MatterEntity> findByIdAndOrgId(UUID id, UUID orgId);

    /** The matter, its row locked against every other lock until the transaction ends (SELECT ... FOR UPDATE). */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select m from MatterEntity m where m.id = :id and m.orgId = :orgId")
    Optional<MatterEntity> lockExclusive(UUID id, UUID orgId);

    /**
     * The matter, its row held against {@link #lockExclusive} until the transaction ends (SELECT ... FOR SHARE on
     * PostgreSQL, which other shared holders do not wait for).
     */
    @Lock(LockModeType.PESSIMISTIC_READ)
    @Query("select m from MatterEntity m where m.id = :id and m.orgId = :orgId")
    Optional<MatterEntity> lockShared(UUID id, UUID orgId);

    Optional<MatterEntity> findByOrgIdAndReference(UUID orgId, String reference);

    Page<MatterEntity> findByOrgId(UUID orgId, Pageable pageable);

    List<MatterEntity> findByOrgIdAndIdIn(UUID orgId, java.util.Collection<UUID> ids);

    @Query("""
            select distinct m from MatterEntity m left join m.members mm
            where m.orgId = :orgId and (m.ownerId = :userId or m.clientId = :userId or mm.userId = :userId)
            """)
    Page<MatterEntity> findInvolving(UUID orgId, UUID userId, Pageable pageable);

    /** Id, owner and client of the matters the user owns or is the client of. */
    @Query("""
            select m.id, m.ownerId, m.clientId from MatterEntity m
            where m.orgId = :orgId and (m.ownerId = :userId or m.clientId = :userId)
            """)
    List<Object[]> findOwnedOrClientOf(UUID orgId, UUID userId);

    long countByOrgIdAndOwnerId(UUID orgId, UUID ownerId);

    /** Matter id and role of each of the user's memberships. */
    @Query("""
            select mm.matterId, mm.role from MatterMemberEntity mm, MatterEntity m
            where m.id = mm.matterId and m.orgId = :orgId and mm.userId = :userId
            """)
    List<Object[]> findMemberships(UUID orgId, UUID userId);
}
