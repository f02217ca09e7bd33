package io.matterflow.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.matterflow.common.NotFoundException;
import io.matterflow.directory.Actor;
import io.matterflow.notification.internal.NotificationEntity;
import io.matterflow.notification.internal.NotificationRepository;

/** A user's in-app notifications: list, count unread, mark read, withdraw. */
@Service
@Transactional(readOnly = true)
public class Notifications {

    /** One notification, unless its user already has one for the same source (the unique pair makes it harmless). */
    private static final String CREATE = """
            insert into notifications (id, org_id, user_id, source_id, kind, title, body, link, step_id,
                instance_id, created_at)
            select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
            where not exists (select 1 from notifications where user_id = ? and source_id = ?)
            """;

    private final NotificationRepository repository;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    Notifications(NotificationRepository repository, JdbcTemplate jdbc, Clock clock) {
        this.repository = repository;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Page<Notification> of(Actor actor, boolean unreadOnly, Pageable pageable) {
        var page = unreadOnly ? repository.findByUserIdAndReadAtIsNullAndWithdrawnAtIsNullOrderByCreatedAtDesc(actor.userId(), pageable)
                : repository.findByUserIdOrderByCreatedAtDesc(actor.userId(), pageable);
        return page.map(NotificationEntity::toNotification);
    }

    public long unread(Actor actor) {
        return actor.isUser() ? repository.countByUserIdAndReadAtIsNullAndWithdrawnAtIsNull(actor.userId()) : 0;
    }

    @Transactional
    public Notification markRead(Actor actor, UUID id) {
        var entity = repository.findByIdAndUserId(id, actor.userId())
                .orElseThrow(() -> new NotFoundException("Notification", id));
        entity.markRead(clock.instant());
        return entity.toNotification();
    }

    /** How many notifications an event (by its audit event id) caused, across users. */
    public long causedBy(UUID sourceId) {
        return repository.countBySourceId(sourceId);
    }

    /** Creates the notification unless this user already has one for the same source. */
    @Transactional
    public boolean create(UUID orgId, UUID userId, UUID sourceId, String kind, String title, String body, String link,
                          UUID stepId, UUID instanceId) {
        return jdbc.update(CREATE, createArguments(orgId, userId, sourceId, kind, title, body, link, stepId,
                instanceId)) > 0;
    }

    /**
     * The same notification for each of these users (but those who already have one for the source), in one batch:
     * one statement to the database however many performers a READY step has.
     */
    @Transactional
    public void createForEach(UUID orgId, Collection<UUID> userIds, UUID sourceId, String kind, String title,
                              String body, String link, UUID stepId, UUID instanceId) {
        if (!userIds.isEmpty()) {
            jdbc.batchUpdate(CREATE, userIds.stream().map(userId -> createArguments(orgId, userId, sourceId, kind,
                    title, body, link, stepId, instanceId)).toList());
        }
    }

    private Object[] createArguments(UUID orgId, UUID userId, UUID sourceId, String kind, String title, String body,
                                     String link, UUID stepId, UUID instanceId) {
        return new Object[] {UUID.randomUUID(), orgId, userId, sourceId, kind, truncate(title, 300),
                truncate(body, 1000), link, stepId, instanceId, Timestamp.from(clock.instant()), userId, sourceId};
    }

    /** Marks every notification of the kind about the step withdrawn; answers how many it marked. */
    @Transactional
    public int withdraw(UUID stepId, String kind) {
        return jdbc.update("update notifications set withdrawn_at = ? where step_id = ? and kind = ? and withdrawn_at is null",
                Timestamp.from(clock.instant()), stepId, kind);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
