package io.matterflow.common;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** How error messages name the JSON type a field expects: "a number", "one of [A, B]", "a UUID". */
public final class TypeNames {

    private TypeNames() {
    }

    public static String describe(Class<?> target) {
        if (target.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object c : target.getEnumConstants()) {
                names.add(((Enum<?>) c).name());
            }
            return "one of " + names;
        }
        if (target == UUID.class) {
            return "a UUID";
        }
        if (Number.class.isAssignableFrom(target) || (target.isPrimitive() && target != boolean.class)) {
            return "a number";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "true or false";
        }
        if (target == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "an array";
        }
        return "an object";
    }

    /** ": expected …" for a known target, nothing for none. */
    public static String expected(Class<?> target) {
        return target == null ? "" : ": expected " + describe(target);
    }
}
