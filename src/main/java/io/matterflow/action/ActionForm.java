package io.matterflow.action;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.util.MultiValueMap;

/**
 * How people fill in an action type in the web UI. Its config {@link #fields()}, in order: the template builder and
 * the instance editor render them and convert the submitted strings to the JSON the handler validates. Its
 * completion form's {@link #payload mapping}: the run view posts the fields of the type's completion fragment
 * ({@code templates/action/<TYPE>.html}), and this turns them into the payload the handler's {@code complete}
 * validates. A new action type needs a handler, an {@code ActionForm} bean and that fragment, not page changes.
 */
public interface ActionForm {

    ActionType type();

    List<Field> fields();

    /**
     * The payload of a completion form. The default takes the fields as named, each field sent once as its text
     * (stripped) and a field sent more than once as a list of texts; blank values and names starting with
     * {@code _} (the CSRF token) are left out. A type overrides it where a value is not text.
     */
    default Map<String, Object> payload(MultiValueMap<String, String> form) {
        Map<String, Object> payload = new LinkedHashMap<>();
        form.forEach((name, values) -> {
            if (name.startsWith("_") || values == null) {
                return;
            }
            List<String> kept = values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).toList();
            if (kept.size() == 1) {
                payload.put(name, kept.get(0));
            } else if (kept.size() > 1) {
                payload.put(name, kept);
            }
        });
        return payload;
    }

    /** A form of the given fields whose payload is the default mapping: subclass it to map one differently. */
    class Basic implements ActionForm {

        private final ActionType type;
        private final List<Field> fields;

        public Basic(ActionType type, List<Field> fields) {
            this.type = type;
            this.fields = List.copyOf(fields);
        }

        @Override
        public ActionType type() {
            return type;
        }

        @Override
        public List<Field> fields() {
            return fields;
        }

        /** The payload with the named fields as lists, also when the form sent one value (or none: absent). */
        protected static Map<String, Object> asLists(Map<String, Object> payload, String... names) {
            for (String name : names) {
                payload.computeIfPresent(name, (key, value) -> value instanceof List<?> ? value : List.of(value));
            }
            return payload;
        }
    }

    /** Kinds of input and how their text becomes JSON. */
    enum Kind {
        TEXT, TEXTAREA, NUMBER, SELECT,
        /** One value per line, a JSON array of strings. */
        LINES,
        /** Comma-separated values, a JSON array of strings. */
        CSV,
        /**
         * A document to sign: the id of one the firm stored (the page's "Upload and use" stores it and fills the
         * field) or a reference to one elsewhere; its text as is.
         */
        DOCUMENT
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
