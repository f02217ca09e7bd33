package io.matterflow.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.matterflow.audit.AuditLog;
import io.matterflow.audit.AuditRecord;
import io.matterflow.common.ForbiddenException;
import io.matterflow.common.NotFoundException;
import io.matterflow.common.ValidationException;
import io.matterflow.directory.Actor;
import io.matterflow.directory.Role;
import io.matterflow.directory.UserAccount;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Personal API tokens: {@code mf_} and 43 characters, the base64url of 32 random bytes. Only the SHA-256 (hex) of the
 * token text is stored, so checking a token is a digest and one lookup by a unique index, joined with its user;
 * no BCrypt. A token is its user's full credential on the API (never in the UI or the actuator), until it expires or
 * is revoked. Creating and revoking are audited, one stream per token.
 */
@Service
public class ApiTokens {

    static final String PREFIX = "mf_";
    static final int DEFAULT_EXPIRY_DAYS = 90;
    public static final int MAX_EXPIRY_DAYS = 365;
    public static final int MAX_NAME_LENGTH = 100;
    /** {@code last_used_at} is written only when the stored value is older than this: no write per request. */
    static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(ApiTokens.class);
    private static final Pattern FORMAT = Pattern.compile("mf_[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "id, name, created_at, expires_at, last_used_at";

    private final JdbcTemplate jdbc;
    private final AuditLog audit;
    private final Clock clock;

    ApiTokens(JdbcTemplate jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** A token as its owner sees it in the list: never the secret. */
    @Schema(description = "One of the caller's personal API tokens, without its secret")
    public record ApiToken(UUID id, @Schema(example = "CI script") String name, Instant createdAt, Instant expiresAt,
                    @Schema(nullable = true, description = "When it last signed a request in, to the minute; null if never")
                    Instant lastUsedAt) {
    }

    /** A new token with its secret, which exists only in this answer. */
    @Schema(description = "A new personal API token; `token` is shown only in this answer")
    public record CreatedApiToken(UUID id, @Schema(example = "CI script") String name,
                           @Schema(description = "The secret: send it as `Authorization: Bearer <token>`. Only its"
                                   + " SHA-256 is stored, so it cannot be shown again",
                                   example = "mf_2pJ0x8v6Yw8k3bqg7QeWmVQ1hTfR5n9sLzA4cDuE0oI") String token,
                           Instant createdAt, Instant expiresAt,
                           @Schema(nullable = true, description = "Always null for a new token") Instant lastUsedAt) {
    }

    /** A token that signs its user in. */
    record Authenticated(UUID tokenId, UserAccount user) {
    }

    /**
     * Creates a token for the signed-in user, valid for {@code expiresInDays} (default 90). {@code viaTokenId} is the
     * token the request was signed in with, if any; the audit event records it. A token created with a token never
     * outlives it: an {@code expiresInDays} past its expiry is refused (400), and the default is cut to it. Otherwise
     * a one-day token could mint a 365-day one, and a short-lived credential would be a long-lived one.
     */
    @Transactional
    public CreatedApiToken create(Actor actor, String name, Integer expiresInDays, UUID viaTokenId) {
        requireUser(actor);
        int days = expiresInDays == null ? DEFAULT_EXPIRY_DAYS : expiresInDays;
        if (days < 1 || days > MAX_EXPIRY_DAYS) {
            throw ValidationException.of("Invalid API token", "expiresInDays",
                    "must be between 1 and " + MAX_EXPIRY_DAYS);
        }
        Instant createdAt = clock.instant();
        Instant expiresAt = createdAt.plus(Duration.ofDays(days));
        Instant ceiling = viaTokenId == null ? null : expiryOf(viaTokenId, actor);
        if (ceiling != null && expiresAt.isAfter(ceiling)) {
            if (expiresInDays != null) {
                long left = Duration.between(createdAt, ceiling).toDays();
                throw ValidationException.of("Invalid API token", "expiresInDays", "must not outlive the token this"
                        + " request is signed in with, which expires at " + ceiling + " (" + (left >= 1
                        ? "at most " + left + (left == 1 ? " day" : " days") : "less than a day") + " from now);"
                        + " leave it out to expire with that token, or sign in with your password");
            }
            expiresAt = ceiling;
        }
        String cleanName = name.strip();
        String token = generate();
        UUID id = UUID.randomUUID();
        jdbc.update("insert into api_tokens (id, org_id, user_id, name, token_hash, created_at, expires_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?)", id, actor.orgId(), actor.userId(), cleanName, digest(token),
                time(createdAt), time(expiresAt));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", cleanName);
        metadata.put("expiresAt", expiresAt.toString());
        if (viaTokenId != null) {
            metadata.put("createdWithTokenId", viaTokenId.toString());
        }
        audit.append(new AuditRecord(actor.orgId(), id, actor, "api-token.create", "API_TOKEN", id, null, "ACTIVE",
                metadata));
        return new CreatedApiToken(id, cleanName, token, createdAt, expiresAt, null);
    }

    /** When the caller's token expires; null if it is not the caller's (it signed this request in, so it is). */
    private Instant expiryOf(UUID tokenId, Actor actor) {
        List<Instant> expiry = jdbc.query("select expires_at from api_tokens where id = ? and user_id = ?",
                (rs, i) -> instant(rs, "expires_at"), tokenId, actor.userId());
        return expiry.isEmpty() ? null : expiry.get(0);
    }

    /** The caller's usable tokens (neither revoked nor expired), newest first. */
    public Page<ApiToken> active(Actor actor, Pageable pageable) {
        requireUser(actor);
        OffsetDateTime now = time(clock.instant());
        String where = " from api_tokens where user_id = ? and revoked_at is null and expires_at > ?";
        Long total = jdbc.queryForObject("select count(*)" + where, Long.class, actor.userId(), now);
        List<ApiToken> rows = jdbc.query("select " + COLUMNS + where + " order by created_at desc, id limit ? offset ?",
                ApiTokens::token, actor.userId(), now, pageable.getPageSize(), pageable.getOffset());
        return new PageImpl<>(rows, pageable, total == null ? 0 : total);
    }

    /**
     * Revokes one of the caller's tokens; it stops working at once. Revoking a revoked token changes and records
     * nothing. Anyone else's token, or an unknown id, is 404.
     */
    @Transactional
    public void revoke(Actor actor, UUID tokenId) {
        requireUser(actor);
        List<String> names = jdbc.queryForList("select name from api_tokens where id = ? and user_id = ?",
                String.class, tokenId, actor.userId());
        if (names.isEmpty()) {
            throw new NotFoundException("API token", tokenId);
        }
        int revoked = jdbc.update("update api_tokens set revoked_at = ? where id = ? and user_id = ?"
                + " and revoked_at is null", time(clock.instant()), tokenId, actor.userId());
        if (revoked == 1) {
            audit.append(new AuditRecord(actor.orgId(), tokenId, actor, "api-token.revoke", "API_TOKEN", tokenId,
                    "ACTIVE", "REVOKED", Map.of("name", names.get(0))));
        }
    }

    /**
     * Revokes every usable token of a user, at once: their deactivation, by {@code actor} (an admin). Each revocation
     * is audited like the user's own, with the reason. Returns how many were revoked.
     */
    @Transactional
    int revokeAllOf(Actor actor, UUID orgId, UUID userId, String reason) {
        List<Map<String, Object>> usable = jdbc.queryForList("select id, name from api_tokens where user_id = ?"
                + " and org_id = ? and revoked_at is null", userId, orgId);
        OffsetDateTime now = time(clock.instant());
        for (Map<String, Object> token : usable) {
            UUID tokenId = (UUID) token.get("id");
            if (jdbc.update("update api_tokens set revoked_at = ? where id = ? and revoked_at is null", now,
                    tokenId) == 1) {
                audit.append(new AuditRecord(orgId, tokenId, actor, "api-token.revoke", "API_TOKEN", tokenId,
                        "ACTIVE", "REVOKED", Map.of("name", token.get("name"), "reason", reason,
                        "userId", userId.toString())));
            }
        }
        return usable.size();
    }

    /**
     * The user a token signs in, if it is well formed, known, neither revoked nor expired: one SELECT by the
     * digest's unique index, joined with the user. Its last use is recorded at most once a minute.
     */
    Optional<Authenticated> authenticate(String token) {
        if (!wellFormed(token)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        List<Found> found = jdbc.query("""
                        select t.id, t.last_used_at, u.id as user_id, u.org_id, u.email, u.display_name, u.role
                          from api_tokens t join users u on u.id = t.user_id
                         where t.token_hash = ? and t.revoked_at is null and t.expires_at > ? and u.active""",
                (rs, i) -> new Found(rs.getObject("id", UUID.class), instant(rs, "last_used_at"),
                        new UserAccount(rs.getObject("user_id", UUID.class), rs.getObject("org_id", UUID.class),
                                rs.getString("email"), rs.getString("display_name"),
                                Role.valueOf(rs.getString("role")), true)),
                digest(token), time(now));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Found hit = found.get(0);
        if (hit.lastUsedAt() == null || hit.lastUsedAt().isBefore(now.minus(LAST_USED_RESOLUTION))) {
            recordUse(hit.id(), now);
        }
        return Optional.of(new Authenticated(hit.id(), hit.user()));
    }

    /** {@code mf_} and 43 base64url characters: anything else is refused without a lookup. */
    static boolean wellFormed(String token) {
        return token != null && FORMAT.matcher(token).matches();
    }

    /** The stored form of a token: the SHA-256 of its text (UTF-8), in lower-case hex. */
    public static String digest(String token) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String generate() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /**
     * Of concurrent requests only the first changes the row (the condition is checked again under the row's lock);
     * a failure to record the use does not refuse the request.
     */
    private void recordUse(UUID tokenId, Instant now) {
        try {
            jdbc.update("update api_tokens set last_used_at = ? where id = ?"
                            + " and (last_used_at is null or last_used_at < ?)", time(now), tokenId,
                    time(now.minus(LAST_USED_RESOLUTION)));
        } catch (DataAccessException e) {
            log.warn("Could not record the use of API token {}: {}", tokenId, e.getMessage());
        }
    }

    private record Found(UUID id, Instant lastUsedAt, UserAccount user) {
    }

    private static ApiToken token(ResultSet rs, int row) throws SQLException {
        return new ApiToken(rs.getObject("id", UUID.class), rs.getString("name"), instant(rs, "created_at"),
                instant(rs, "expires_at"), instant(rs, "last_used_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static void requireUser(Actor actor) {
        if (!actor.isUser()) {
            throw new ForbiddenException("a signed-in user is required");
        }
    }
}
