package io.matterflow.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A figure's settings as {@code key=value} arguments: {@code db=postgres threads=4 warmup=25 measure=30 ...}. */
record Options(Map<String, String> values) {

    static Options parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got " + arg);
            }
            values.put(arg.substring(0, eq).replaceFirst("^--", ""), arg.substring(eq + 1));
        }
        return new Options(values);
    }

    static Options of(String... keyValues) {
        return parse(keyValues);
    }

    Options with(String key, Object value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(key, String.valueOf(value));
        return new Options(copy);
    }

    String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    int integer(String key, int fallback) {
        return Integer.parseInt(get(key, String.valueOf(fallback)));
    }

    boolean flag(String key) {
        return Boolean.parseBoolean(get(key, "false"));
    }

    /** Seconds, fractions allowed. */
    Duration seconds(String key, double fallback) {
        return Duration.ofMillis((long) (Double.parseDouble(get(key, String.valueOf(fallback))) * 1000));
    }

    /** {@code app.<property>=<value>} options: application settings for the figure's Matterflow, to compare a change. */
    Map<String, String> app() {
        Map<String, String> app = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith("app.")) {
                app.put(key.substring("app.".length()), value);
            }
        });
        return app;
    }

    String db() {
        return get("db", "postgres");
    }

    String[] toArgs() {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }
}
