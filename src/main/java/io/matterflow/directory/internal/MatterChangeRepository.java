package io.matterflow.directory.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface MatterChangeRepository extends JpaRepository<MatterChangeEntity, Long> {

    @Query("select distinct c.matterId from MatterChangeEntity c where c.changedAt >= :since")
    List<UUID> findMattersChangedSince(java.time.Instant since);

    @org.springframework.data.jpa.repository.Modifying
    @Query("delete from MatterChangeEntity c where c.changedAt < :before")
    int deleteOlderThan(java.time.Instant before);
}
