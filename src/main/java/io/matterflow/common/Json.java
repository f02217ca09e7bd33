package io.matterflow.common;

import java.util.Map;
import java.util.TreeMap;
import java.util.List;
import java.util.ArrayList;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * The one JSON mapper for action configs, payloads and JSON columns. It is strict: unknown fields
 * and scalar coercions ("true" for a boolean, "5" for a number, 5 for a string, 1 for an enum) are errors, so what a client sends is
 * what a handler validates. Decimals are read as {@link java.math.BigDecimal} and written plain, so money
 * and audit hashes survive a round trip through a JSON column unchanged. Hibernate uses this mapper for
 * JSON columns too.
 */
public final class Json {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .findAndAddModules()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // ALLOW_COERCION_OF_SCALARS does not cover number/boolean -> String: 5 must not bind as "5".
            .withCoercionConfig(LogicalType.Textual, c -> c
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .findAndAddModules()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private Json() {
    }

    /** Plain JSON-compatible maps and lists, with number types as a JSON column gives them back. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> normalize(Map<String, ?> value) {
        if (value == null) {
            return new TreeMap<>();
        }
        try {
            return MAPPER.readValue(CANONICAL.writeValueAsString(value), TreeMap.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value is not JSON-serializable", e);
        }
    }

    /** A deterministic text for hashing: keys sorted at every depth. */
    public static String canonical(Object value) {
        try {
            return CANONICAL.writeValueAsString(sortDeep(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value is not JSON-serializable", e);
        }
    }

    public static Map<String, Object> toMap(Object record) {
        return normalize(MAPPER.convertValue(record, Map.class));
    }

    @SuppressWarnings("unchecked")
    private static Object sortDeep(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), sortDeep(v)));
            return sorted;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(sortDeep(v)));
            return out;
        }
        return value;
    }
}
