package io.matterflow.common;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import java.util.List;
import java.util.ArrayList;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * The one JSON mapper for action configs, payloads and JSON columns. It is strict: unknown fields
 * and scalar coercions ("true" for a boolean, "5" for a number, 5 for a string, 1 for an enum) are errors, so what a client sends is
 * what a handler validates. Decimals are read as {@link java.math.BigDecimal} and written plain, so money
 * and audit hashes survive a round trip through a JSON column unchanged; a decimal too long to write out is refused
 * when read ({@link #inRange}). Hibernate uses this mapper for JSON columns too.
 */
public final class Json {

    /** The most digits a number may have when written out plain: the longest number a JSON reader reads back. */
    public static final int MAX_DIGITS = 1000;
    /** The field error of a number beyond {@link #MAX_DIGITS}, also the end of the reader's message for it. */
    public static final String OUT_OF_RANGE = "is out of range: a number may have at most " + MAX_DIGITS
            + " digits written out";

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
            .addModule(numbersInRange())
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

    /**
     * Whether the decimal can be written out plain and read back: at most {@link #MAX_DIGITS} digits before and after
     * the point together. {@code 1e999999999} is eleven characters in a request and a billion digits written out;
     * kept, it failed only where it was stored or compared (a 500). Every JSON reader of the application refuses such
     * a number where it reads it, naming the field (this mapper here, the request bodies' in the web module).
     */
    public static boolean inRange(BigDecimal value) {
        long scale = value.scale();
        long integerDigits = Math.max(1, value.precision() - scale);
        return integerDigits + Math.max(0, scale) <= MAX_DIGITS;
    }

    /** Whether a reader's message is the refusal of a number out of range ({@link #OUT_OF_RANGE}). */
    public static boolean isOutOfRange(String message) {
        return message != null && message.endsWith(OUT_OF_RANGE);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static SimpleModule numbersInRange() {
        // Number.class is what free-form maps (payloads, configs, stored JSON) read their numbers with
        return new SimpleModule("numbers-in-range")
                .addDeserializer(BigDecimal.class, new InRange<>(BigDecimal.class,
                        NumberDeserializers.BigDecimalDeserializer.instance))
                .addDeserializer(Number.class, (JsonDeserializer) new InRange<>(Number.class,
                        NumberDeserializers.NumberDeserializer.instance));
    }

    /** Numbers as Jackson reads them, but never a decimal out of range ({@link #inRange}). */
    private static final class InRange<T> extends StdScalarDeserializer<T> {

        private final StdScalarDeserializer<? extends T> standard;

        InRange(Class<?> type, StdScalarDeserializer<? extends T> standard) {
            super(type);
            this.standard = standard;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            T value;
            try {
                value = standard.deserialize(parser, context);
            } catch (JsonParseException | NumberFormatException e) {
                // an exponent beyond what a BigDecimal holds at all: 1e2147483648
                if (!parser.hasToken(JsonToken.VALUE_NUMBER_FLOAT) && !parser.hasToken(JsonToken.VALUE_NUMBER_INT)) {
                    throw e;
                }
                return (T) context.handleWeirdStringValue(handledType(), parser.getText(), OUT_OF_RANGE);
            }
            if (value instanceof BigDecimal decimal && !inRange(decimal)) {
                return (T) context.handleWeirdNumberValue(handledType(), decimal, OUT_OF_RANGE);
            }
            return value;
        }

        @Override
        public LogicalType logicalType() {
            return standard.logicalType();
        }
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

    /**
     * The map without its null-valued members, at every depth (elements of lists stay as they are): what a JSON
     * column gives back, so that a hash over it can be computed again from what was stored.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> withoutNullMembers(Map<String, ?> value) {
        Map<String, Object> result = new TreeMap<>();
        value.forEach((key, member) -> {
            if (member != null) {
                result.put(key, withoutNullMembersIn(member));
            }
        });
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Object withoutNullMembersIn(Object value) {
        if (value instanceof Map<?, ?> map) {
            return withoutNullMembers((Map<String, ?>) map);
        }
        if (value instanceof java.util.List<?> list) {
            return list.stream().map(e -> e == null ? null : withoutNullMembersIn(e))
                    .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
        }
        return value;
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
