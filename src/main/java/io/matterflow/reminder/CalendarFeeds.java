package io.matterflow.reminder;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.matterflow.access.ApiTokens;
import io.matterflow.audit.AuditLog;
import io.matterflow.audit.AuditRecord;
import io.matterflow.common.ForbiddenException;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Directory;
import io.matterflow.instance.Deadlines;
import io.matterflow.instance.DueStep;
import io.matterflow.notification.NotificationProperties;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Each user's private calendar feed: an address with a secret token (43 base64url characters, 256 random bits) that
 * any calendar can subscribe to without signing in. Only the token's SHA-256 is kept, as for API tokens, so the
 * address is shown once, when it is made; making a new one ends the old. The feed lists the user's open steps with
 * a due date, as their inbox has them. Creating and revoking are audited on the user's stream.
 */
@Service
@Transactional(readOnly = true)
public class CalendarFeeds {

    /** Where a feed is served, before its token. */
    public static final String PATH = "/calendar/";
    public static final String EXTENSION = ".ics";

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final Deadlines deadlines;
    private final DueRevisions revisions;
    private final Directory directory;
    private final AuditLog audit;
    private final NotificationProperties properties;
    private final Clock clock;

    CalendarFeeds(JdbcTemplate jdbc, Deadlines deadlines, DueRevisions revisions, Directory directory, AuditLog audit,
                  NotificationProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.deadlines = deadlines;
        this.revisions = revisions;
        this.directory = directory;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    @Schema(description = "Whether the caller has a calendar feed; its address is shown only when it is made")
    public record FeedStatus(@Schema(description = "Whether a feed exists") boolean exists,
                             @Schema(nullable = true, description = "When its address was made; null without a feed")
                             Instant createdAt) {
    }

    @Schema(description = "A new calendar feed address; `url` is shown only in this answer")
    public record CreatedFeed(@Schema(description = "The address to subscribe to in a calendar. Only its token's"
            + " SHA-256 is kept, so it cannot be shown again", example = "https://matterflow.example.com/calendar/"
            + "Qm9vJ3ZqS2hXbTZ6dE5lUjRhY0xwN3VZOGlGc0IxZEg.ics") String url, Instant createdAt) {
    }

    public FeedStatus status(Actor actor) {
        requireUser(actor);
        List<Instant> created = jdbc.query("select created_at from calendar_feeds where user_id = ?",
                (rs, i) -> rs.getObject("created_at", OffsetDateTime.class).toInstant(), actor.userId());
        return created.isEmpty() ? new FeedStatus(false, null) : new FeedStatus(true, created.get(0));
    }

    /** Makes the caller's feed address, or a new one in place of the old, which stops working. */
    @Transactional
    public CreatedFeed create(Actor actor) {
        requireUser(actor);
        String token = generate();
        Instant now = clock.instant();
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        boolean regenerated = jdbc.update("""
                insert into calendar_feeds (user_id, org_id, token_hash, created_at) values (?, ?, ?, ?)
                on conflict do nothing""", actor.userId(), actor.orgId(), ApiTokens.digest(token), at) == 0;
        if (regenerated) {
            jdbc.update("update calendar_feeds set token_hash = ?, created_at = ? where user_id = ?",
                    ApiTokens.digest(token), at, actor.userId());
        }
        audit.append(new AuditRecord(actor.orgId(), actor.userId(), actor, "calendar-feed.create", "CALENDAR_FEED",
                actor.userId(), null, "ACTIVE", Map.of("regenerated", regenerated)));
        return new CreatedFeed(properties.baseUrl() + PATH + token + EXTENSION, now);
    }

    /** Ends the caller's feed; without one, nothing happens. */
    @Transactional
    public void revoke(Actor actor) {
        requireUser(actor);
        if (jdbc.update("delete from calendar_feeds where user_id = ?", actor.userId()) > 0) {
            audit.append(new AuditRecord(actor.orgId(), actor.userId(), actor, "calendar-feed.revoke",
                    "CALENDAR_FEED", actor.userId(), "ACTIVE", "REVOKED", Map.of()));
        }
    }

    /** The feed of this token as iCalendar text; empty for a token that is unknown, revoked or its user's gone. */
    public Optional<String> render(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        List<UUID> users = jdbc.queryForList("select user_id from calendar_feeds where token_hash = ?", UUID.class,
                ApiTokens.digest(token));
        return users.stream().findFirst().flatMap(directory::findUser).filter(user -> user.active())
                .map(user -> {
                    List<DueStep> steps = deadlines.openFor(user.orgId(), user.id());
                    return CalendarFeedWriter.write(steps, revisions.of(steps.stream().map(DueStep::stepId).toList()),
                            clock.instant(), properties.baseUrl());
                });
    }

    private static String generate() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    private static void requireUser(Actor actor) {
        if (!actor.isUser()) {
            throw new ForbiddenException("only a signed-in person has a calendar feed");
        }
    }
}
