package io.matterflow.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * JSON columns and audit hashes keep the text the Jackson 2 mapper wrote before {@link Json} moved to Jackson 3: the
 * expected strings below are what it wrote for {@link #value()}, so stored rows read back and old hashes verify.
 */
class JsonTests {

    /** A JSON column's text for {@link #value()}: null members left out, decimals plain, "/" and non-ASCII as is. */
    private static final String STORED = "{\"url\":\"https://example.test/a?b=c&d=<e>\",\"name\":\"Zoë \\\"Q\\\" \u2028\\t\","
            + "\"amount\":1500.00,\"big\":100000,\"tiny\":0.00000015,\"count\":7,\"id\":12345678901234,"
            + "\"huge\":123456789012345678901234567890,\"paid\":true,\"nested\":{\"items\":[2,null,\"x\"]}}";

    /** The audit hash's text for {@link #value()} as stored: keys sorted at every depth. */
    private static final String HASHED = "{\"amount\":1500.00,\"big\":100000,\"count\":7,"
            + "\"huge\":123456789012345678901234567890,\"id\":12345678901234,\"name\":\"Zoë \\\"Q\\\" \u2028\\t\","
            + "\"nested\":{\"items\":[2,null,\"x\"]},\"paid\":true,\"tiny\":0.00000015,"
            + "\"url\":\"https://example.test/a?b=c&d=<e>\"}";

    private static Map<String, Object> value() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("note", null);
        nested.put("items", Arrays.asList(2, null, "x"));
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("url", "https://example.test/a?b=c&d=<e>");
        value.put("name", "Zoë \"Q\" \u2028\t");
        value.put("amount", new BigDecimal("1500.00"));
        value.put("big", new BigDecimal("1E+5"));
        value.put("tiny", new BigDecimal("1.5E-7"));
        value.put("count", 7);
        value.put("id", 12345678901234L);
        value.put("huge", new BigInteger("123456789012345678901234567890"));
        value.put("paid", true);
        value.put("none", null);
        value.put("nested", nested);
        return value;
    }

    @Test
    void shouldWriteAJsonColumnAsBefore() {
        assertThat(Json.MAPPER.writeValueAsString(value())).isEqualTo(STORED);
    }

    @Test
    void shouldHashWhatAnAuditEventStoresAsBefore() {
        assertThat(Json.canonical(Json.withoutNullMembers(Json.normalize(value())))).isEqualTo(HASHED);
    }

    @Test
    void shouldHashAStoredRowAsWhenItWasWritten() {
        assertThat(Json.canonical(Json.MAPPER.readValue(STORED, Map.class))).isEqualTo(HASHED);
    }
}
