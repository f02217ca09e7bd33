package io.matterflow.action;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How an action type's config is edited in the template builder: its fields, in order. The builder renders them
 * and converts the submitted strings to the JSON the handler validates, so a new action type needs a handler and
 * an {@code ActionForm} bean, not builder changes.
 */
public interface ActionForm {

    ActionType type();

    List<Field> fields();

    /** Kinds of input and how their text becomes JSON. */
    enum Kind {
        TEXT, TEXTAREA, NUMBER, SELECT,
        /** One value per line, a JSON array of strings. */
        LINES,
        /** Comma-separated values, a JSON array of strings. */
        CSV
    }

    record Field(String name, String label, Kind kind, boolean required, String hint, List<String> options) {

        public static Field of(String name, String label, Kind kind, boolean required, String hint, String... options) {
            return new Field(name, label, kind, required, hint, Arrays.asList(options));
        }
    }

    /** The submitted strings as the config JSON: blanks are left out; numbers that do not parse stay text. */
    static Map<String, Object> toConfig(List<Field> fields, Map<String, String> values) {
        Map<String, Object> config = new LinkedHashMap<>();
        for (Field field : fields) {
            String raw = values == null ? null : values.get(field.name());
            if (raw == null || raw.isBlank()) {
                continue;
            }
            String value = raw.strip();
            switch (field.kind()) {
                case NUMBER -> {
                    try {
                        config.put(field.name(), new BigDecimal(value));
                    } catch (NumberFormatException e) {
                        config.put(field.name(), value);
                    }
                }
                case LINES -> config.put(field.name(), split(value, "\\R"));
                case CSV -> config.put(field.name(), split(value, ","));
                default -> config.put(field.name(), value);
            }
        }
        return config;
    }

    /** The config as the strings the form shows. */
    static Map<String, String> toValues(List<Field> fields, Map<String, ?> config) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Field field : fields) {
            Object value = config == null ? null : config.get(field.name());
            if (value == null) {
                continue;
            }
            if (value instanceof List<?> list) {
                values.put(field.name(), String.join(field.kind() == Kind.CSV ? ", " : "\n",
                        list.stream().map(String::valueOf).toList()));
            } else if (value instanceof BigDecimal decimal) {
                values.put(field.name(), decimal.toPlainString());
            } else {
                values.put(field.name(), String.valueOf(value));
            }
        }
        return values;
    }

    private static List<String> split(String value, String separator) {
        List<String> parts = new ArrayList<>();
        for (String part : value.split(separator)) {
            if (!part.isBlank()) {
                parts.add(part.strip());
            }
        }
        return parts;
    }
}
