package io.matterflow.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.matterflow.common.NotFoundException;
import io.matterflow.common.UnauthenticatedException;

/**
 * The {@code Matterflow-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">} with the
 * provider's secret. Several {@code v1} entries may be sent (one per secret while a provider rotates); one must
 * match, compared in constant time, and {@code t} must be within the tolerance of the server's clock either way.
 * Neither secrets nor signatures are ever logged or put into an error message.
 */
@Component
public class WebhookSignatures {

    public static final String HEADER = "Matterflow-Signature";
    /** The {@code WWW-Authenticate} challenge of a refused webhook. */
    public static final String CHALLENGE = "Matterflow-Signature";

    private static final Logger log = LoggerFactory.getLogger(WebhookSignatures.class);
    private static final Pattern SECONDS = Pattern.compile("\\d{1,12}");
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final int MAX_HEADER = 2048;

    private final WebhookProperties properties;
    private final Clock clock;

    WebhookSignatures(WebhookProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** Refuses (401) unless the header signs this body with the provider's secret within the tolerance. */
    void verify(ProviderKind kind, String provider, String header, byte[] body) {
        String secret = secret(kind, provider);
        if (header == null || header.isBlank()) {
            throw refused(kind, provider, "Unsigned webhook", "the " + HEADER + " header is missing");
        }
        String timestamp = null;
        List<byte[]> candidates = new ArrayList<>();
        if (header.length() <= MAX_HEADER) {
            for (String part : header.split(",")) {
                int eq = part.indexOf('=');
                String key = eq < 0 ? part.strip() : part.substring(0, eq).strip();
                String value = eq < 0 ? "" : part.substring(eq + 1).strip();
                if (key.equals("t")) {
                    timestamp = timestamp == null && SECONDS.matcher(value).matches() ? value : "";
                } else if (key.equals("v1") && HEX_SHA256.matcher(value).matches()) {
                    candidates.add(HexFormat.of().parseHex(value));
                }
            }
        }
        if (timestamp == null || timestamp.isEmpty() || candidates.isEmpty()) {
            throw refused(kind, provider, "Invalid webhook signature", "the " + HEADER + " header is malformed;"
                    + " expected t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\">");
        }
        byte[] expected = hmac(secret, timestamp, body);
        boolean matches = false;
        for (byte[] candidate : candidates) {
            matches |= MessageDigest.isEqual(expected, candidate);
        }
        if (!matches) {
            throw refused(kind, provider, "Invalid webhook signature",
                    "the signature does not match the body and the provider's secret");
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp));
        if (skew > properties.tolerance().toSeconds()) {
            throw refused(kind, provider, "Stale webhook signature", "the signature's timestamp is more than "
                    + describe(properties.tolerance()) + " away from the server's time");
        }
    }

    /** The header value signing {@code body} now with the provider's secret: what the provider sends. */
    String sign(ProviderKind kind, String provider, byte[] body) {
        String timestamp = String.valueOf(clock.instant().getEpochSecond());
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(hmac(secret(kind, provider), timestamp, body));
    }

    private String secret(ProviderKind kind, String provider) {
        return properties.secret(kind, provider)
                .orElseThrow(() -> new NotFoundException("Webhook provider", kind.key() + "/" + provider));
    }

    static byte[] hmac(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static UnauthenticatedException refused(ProviderKind kind, String provider, String title, String detail) {
        log.info("Refused a webhook to {}/{}: {}", kind.key(), provider, detail);
        return new UnauthenticatedException(title, detail, CHALLENGE);
    }

    private static String describe(Duration tolerance) {
        long seconds = tolerance.toSeconds();
        return seconds % 60 == 0 ? seconds / 60 + (seconds == 60 ? " minute" : " minutes") : seconds + " seconds";
    }
}
