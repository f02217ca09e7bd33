package io.matterflow.people;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The secrets of invitation and password-reset links ({@code user_tokens}): 32 bytes from {@link SecureRandom} (256
 * bits) as 43 base64url characters; only their SHA-256 is stored. A link works once, until it expires, unless it was
 * revoked (sent again, superseded, or its person deactivated).
 */
@Component
class OneTimeLinks {

    enum Purpose { INVITATION, PASSWORD_RESET }

    /** A new link's id and secret; the secret exists only here and in the email. */
    record Issued(UUID id, String secret, Instant expiresAt) {

        @Override
        public String toString() {
            return "Issued[" + id + ", secret hidden, expires " + expiresAt + "]";
        }
    }

    /** A usable link: whose, and for what. */
    record Link(UUID id, UUID orgId, UUID userId, Purpose purpose, Instant expiresAt) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final JdbcTemplate jdbc;
    private final Clock clock;

    OneTimeLinks(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Issued issue(UUID orgId, UUID userId, Purpose purpose, UUID createdBy, Duration ttl) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ttl);
        jdbc.update("insert into user_tokens (id, org_id, user_id, purpose, token_hash, created_by, created_at,"
                + " expires_at) values (?, ?, ?, ?, ?, ?, ?, ?)", id, orgId, userId, purpose.name(), digest(secret),
                createdBy, time(now), time(expiresAt));
        return new Issued(id, secret, expiresAt);
    }

    /** The link, if the secret is well formed, known, unused, unrevoked and unexpired. Reads only. */
    Optional<Link> find(String secret) {
        return lookup(secret, false);
    }

    /**
     * The link, locked for this transaction, if usable: so that of two concurrent uses exactly one sees it usable
     * (the other waits for the row and then finds it used).
     */
    Optional<Link> lock(String secret) {
        return lookup(secret, true);
    }

    void markUsed(UUID id) {
        jdbc.update("update user_tokens set used_at = ? where id = ?", time(clock.instant()), id);
    }

    /** Revokes the person's usable links (of one purpose, or all when null); returns their ids. */
    List<UUID> revokeUsable(UUID userId, Purpose purpose) {
        OffsetDateTime now = time(clock.instant());
        String where = " where user_id = ? and used_at is null and revoked_at is null and expires_at > ?"
                + (purpose == null ? "" : " and purpose = '" + purpose.name() + "'");
        List<UUID> ids = jdbc.queryForList("select id from user_tokens" + where, UUID.class, userId, now);
        if (!ids.isEmpty()) {
            jdbc.update("update user_tokens set revoked_at = ?" + where, now, userId, now);
        }
        return ids;
    }

    /** When the person's newest usable invitation expires, if they have one. */
    Optional<Instant> invitationExpiry(UUID userId) {
        return jdbc.queryForList("select max(expires_at) from user_tokens where user_id = ? and purpose = 'INVITATION'"
                        + " and used_at is null and revoked_at is null and expires_at > ?", OffsetDateTime.class,
                userId, time(clock.instant())).stream().filter(java.util.Objects::nonNull)
                .map(OffsetDateTime::toInstant).findFirst();
    }

    private Optional<Link> lookup(String secret, boolean forUpdate) {
        if (secret == null || !FORMAT.matcher(secret).matches()) {
            return Optional.empty();
        }
        List<Link> found = jdbc.query("select id, org_id, user_id, purpose, expires_at from user_tokens"
                        + " where token_hash = ? and used_at is null and revoked_at is null and expires_at > ?"
                        + (forUpdate ? " for update" : ""),
                (rs, i) -> new Link(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class),
                        rs.getObject("user_id", UUID.class), Purpose.valueOf(rs.getString("purpose")),
                        rs.getObject("expires_at", OffsetDateTime.class).toInstant()),
                digest(secret), time(clock.instant()));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (forUpdate) {
            // the row was locked; read its state again now that a concurrent use has committed or not
            Link link = found.get(0);
            Integer usable = jdbc.queryForObject("select count(*) from user_tokens where id = ? and used_at is null"
                    + " and revoked_at is null", Integer.class, link.id());
            return usable != null && usable == 1 ? Optional.of(link) : Optional.empty();
        }
        return Optional.of(found.get(0));
    }

    static String digest(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
