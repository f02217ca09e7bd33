package io.matterflow.web;

import java.math.BigDecimal;

import io.matterflow.common.Json;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.jdk.NumberDeserializers;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Request bodies' numbers as Jackson reads them, but never a decimal {@link Json#inRange out of range}: such a
 * number is a 400 naming the field where it is read (the same rule {@link Json#MAPPER} applies to what it reads).
 * Registered for {@code BigDecimal} fields and for {@code Number}, which free-form maps such as a step's payload or
 * an action config read their numbers with.
 */
final class NumbersInRange<T> extends StdScalarDeserializer<T> {

    private final StdScalarDeserializer<? extends T> standard;

    private NumbersInRange(Class<?> type, StdScalarDeserializer<? extends T> standard) {
        super(type);
        this.standard = standard;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static SimpleModule module() {
        return new SimpleModule("numbers-in-range")
                .addDeserializer(BigDecimal.class, new NumbersInRange<>(BigDecimal.class,
                        NumberDeserializers.BigDecimalDeserializer.instance))
                .addDeserializer(Number.class, (ValueDeserializer) new NumbersInRange<>(Number.class,
                        NumberDeserializers.NumberDeserializer.instance));
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
            return (T) context.handleWeirdStringValue(handledType(), parser.getString(), Json.OUT_OF_RANGE);
        }
        if (value instanceof BigDecimal decimal && !Json.inRange(decimal)) {
            return (T) context.handleWeirdNumberValue(handledType(), decimal, Json.OUT_OF_RANGE);
        }
        return value;
    }

    @Override
    public LogicalType logicalType() {
        return standard.logicalType();
    }
}
