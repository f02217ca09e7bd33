package io.matterflow.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.matterflow.common.web.Problems;
import org.springframework.util.StreamUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import io.matterflow.access.CurrentActor;
import io.matterflow.directory.Actor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code Idempotency-Key} on JSON POSTs under {@code /api/workflows/}: the first answer (other than a 5xx) is kept
 * for 24 hours per user and key, and a repeat of the same request returns it unchanged, marked
 * {@code Idempotent-Replayed: true}, without running again. The same key with a different request is refused (422);
 * a repeat while the first is still running gets 409.
 */
@Component
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    private static final Duration KEEP = Duration.ofHours(24);
    private static final Duration ABANDONED = Duration.ofMinutes(2);
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private final JdbcTemplate jdbc;
    private final Clock clock;

    IdempotencyFilter(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return request.getHeader(HEADER) == null || !"POST".equals(request.getMethod())
                || !request.getRequestURI().startsWith("/api/workflows/")
                || (type != null && type.toLowerCase().startsWith("multipart/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        Actor actor = CurrentActor.get().orElse(null);
        if (actor == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!KEY.matcher(key).matches()) {
            Problems.write(request, response, HttpStatus.BAD_REQUEST, "Invalid request",
                    "Idempotency-Key must be 1 to 200 visible ASCII characters",
                    Map.of("errors", List.of(Map.of("field", HEADER, "message", "must be 1 to 200 visible ASCII characters"))));
            return;
        }
        byte[] body;
        try {
            body = StreamUtils.copyToByteArray(request.getInputStream());
        } catch (RequestTooLargeException e) {
            Problems.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, "Request too large", e.getMessage());
            return;
        }
        String hash = sha256(request.getMethod() + " " + request.getRequestURI() + "?" + request.getQueryString() + "\n",
                body);
        Instant now = clock.instant();
        if (!claim(actor.userId(), key, hash, now)) {
            var stored = jdbc.queryForList("select request_hash, status_code, content_type, response_body, created_at"
                    + " from idempotency_keys where user_id = ? and idempotency_key = ?", actor.userId(), key);
            if (stored.isEmpty()) {
                Problems.write(request, response, HttpStatus.CONFLICT, "Request in progress",
                        "a request with this Idempotency-Key is still running");
                return;
            }
            Map<String, Object> row = stored.get(0);
            if (!hash.equals(row.get("request_hash"))) {
                Problems.write(request, response, HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key reused",
                        "this Idempotency-Key was used for a different request");
                return;
            }
            if (row.get("status_code") == null) {
                Problems.write(request, response, HttpStatus.CONFLICT, "Request in progress",
                        "a request with this Idempotency-Key is still running");
                return;
            }
            response.setStatus(((Number) row.get("status_code")).intValue());
            if (row.get("content_type") != null) {
                response.setContentType((String) row.get("content_type"));
            }
            response.setHeader("Idempotent-Replayed", "true");
            response.setCharacterEncoding("UTF-8");
            if (row.get("response_body") != null) {
                response.getOutputStream().write(((String) row.get("response_body")).getBytes(StandardCharsets.UTF_8));
            }
            return;
        }
        var cached = new ContentCachingResponseWrapper(response);
        boolean stored = false;
        try {
            chain.doFilter(new Replayable(request, body), cached);
            if (cached.getStatus() < 500) {
                jdbc.update("update idempotency_keys set status_code = ?, content_type = ?, response_body = ?"
                        + " where user_id = ? and idempotency_key = ?", cached.getStatus(), cached.getContentType(),
                        new String(cached.getContentAsByteArray(), StandardCharsets.UTF_8), actor.userId(), key);
                stored = true;
            }
        } finally {
            if (!stored) {
                jdbc.update("delete from idempotency_keys where user_id = ? and idempotency_key = ?", actor.userId(), key);
            }
            cached.copyBodyToResponse();
        }
    }

    /** Inserts the in-progress row; false when the key is already there (and neither expired nor abandoned). */
    private boolean claim(UUID userId, String key, String hash, Instant now) {
        jdbc.update("delete from idempotency_keys where user_id = ? and idempotency_key = ? and (created_at < ?"
                + " or (status_code is null and created_at < ?))", userId, key, Timestamp.from(now.minus(KEEP)),
                Timestamp.from(now.minus(ABANDONED)));
        try {
            jdbc.update("insert into idempotency_keys (user_id, idempotency_key, request_hash, created_at)"
                    + " values (?, ?, ?, ?)", userId, key, hash, Timestamp.from(now));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    private static String sha256(String head, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(head.getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request with its already-read body available again. */
    private static final class Replayable extends HttpServletRequestWrapper {

        private final byte[] body;

        Replayable(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            var in = new java.io.ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
