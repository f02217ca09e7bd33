package io.matterflow.common;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.deser.jdk.NumberDeserializers;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * The application's JSON rules, stated once ({@link #strict}) for every reader of what a client sends: request
 * bodies (Boot's mapper), and {@link #MAPPER} for action configs, payloads, provider events and JSON columns.
 * Decimals are read as {@link BigDecimal} and {@link #MAPPER} writes them plain, so money and audit hashes survive a
 * round trip through a JSON column unchanged.
 */
public final class Json {

    /** The most digits a number may have when written out plain: the longest number a JSON reader reads back. */
    public static final int MAX_DIGITS = 1000;
    /** The field error of a number beyond {@link #MAX_DIGITS}, also the end of the reader's message for it. */
    public static final String OUT_OF_RANGE = "is out of range: a number may have at most " + MAX_DIGITS
            + " digits written out";
    /** The field error of a string holding U+0000. */
    public static final String NUL_MESSAGE = "must not contain the NUL character (U+0000)";

    /** Writes what JSON columns keep: null members left out, maps' too (the audit hash covers exactly that). */
    public static final JsonMapper MAPPER = strict(JsonMapper.builder())
            .findAndAddModules()
            .changeDefaultPropertyInclusion(inclusion -> inclusion
                    .withValueInclusion(JsonInclude.Include.NON_NULL).withContentInclusion(JsonInclude.Include.NON_NULL))
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .findAndAddModules()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            // a record's properties by name too, not in constructor order: the text hashes have always covered
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
            .build();

    private Json() {
    }

    /**
     * The strict reading rules, applied by {@link #MAPPER} and by the request bodies' mapper: unknown fields, scalar
     * coercions ("true" for a boolean, "5" for a number, 5 for a string, 1 for an enum, 1.5 for an integer) are
     * errors, not guesses, so what a client sends is what a handler validates; so are content after the document,
     * a number too long to write out ({@link #inRange}) and a string holding NUL. Decimals are read as
     * {@link BigDecimal}.
     */
    public static JsonMapper.Builder strict(JsonMapper.Builder builder) {
        return builder
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // ALLOW_COERCION_OF_SCALARS does not cover number/boolean -> String: 5 must not bind as "5"
                .withCoercionConfig(LogicalType.Textual, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                // a step's order or a template version of 1.5 must not be truncated to 1
                .withCoercionConfig(LogicalType.Integer, c -> c
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                .addModule(strictValues());
    }

    /**
     * Whether the decimal can be written out plain and read back: at most {@link #MAX_DIGITS} digits before and after
     * the point together. {@code 1e999999999} is eleven characters in a request and a billion digits written out;
     * kept, it failed only where it was stored or compared (a 500). Every reader with the {@link #strict} rules
     * refuses such a number where it reads it, naming the field.
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

    /** The field error of a value the {@link #strict} rules refuse: out of range, or holding NUL. */
    public static Optional<String> refusal(JacksonException e) {
        String message = e.getOriginalMessage();
        if (isOutOfRange(message)) {
            return Optional.of(OUT_OF_RANGE);
        }
        return message != null && message.endsWith(NUL_MESSAGE) ? Optional.of(NUL_MESSAGE) : Optional.empty();
    }

    /** The path of the field a reader's error is about, as {@code items[0].name}; empty for the whole document. */
    public static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static SimpleModule strictValues() {
        // Number.class and String.class are also what free-form maps (payloads, configs, stored JSON) read with
        return new SimpleModule("strict-values")
                .addDeserializer(BigDecimal.class, new InRange<>(BigDecimal.class,
                        NumberDeserializers.BigDecimalDeserializer.instance))
                .addDeserializer(Number.class, (ValueDeserializer) new InRange<>(Number.class,
                        NumberDeserializers.NumberDeserializer.instance))
                .addDeserializer(String.class, new NoNul());
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
        public T deserialize(JsonParser parser, DeserializationContext context) {
            T value;
            try {
                value = standard.deserialize(parser, context);
            } catch (StreamReadException | NumberFormatException e) {
                // an exponent beyond what a BigDecimal holds at all: 1e2147483648
                if (!parser.hasToken(JsonToken.VALUE_NUMBER_FLOAT) && !parser.hasToken(JsonToken.VALUE_NUMBER_INT)) {
                    throw e;
                }
                return (T) context.handleWeirdStringValue(handledType(), parser.getString(), OUT_OF_RANGE);
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

    /**
     * Strings as Jackson reads them, but never with U+0000: PostgreSQL stores no NUL in text or jsonb, so such a
     * value failed only when written, as a constraint violation (409) that step transitions even retried as a lost
     * race.
     */
    private static final class NoNul extends StdScalarDeserializer<String> {

        NoNul() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (value != null && value.indexOf('\0') >= 0) {
                return (String) context.handleWeirdStringValue(String.class, value, NUL_MESSAGE);
            }
            return value;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
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
        } catch (JacksonException e) {
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
        } catch (JacksonException e) {
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
