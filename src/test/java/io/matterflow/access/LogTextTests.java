package io.matterflow.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** User-supplied text in a log line: never a second line, never a terminal escape, never unbounded. */
class LogTextTests {

    @Test
    void shouldEscapeLineBreaksControlAndFormatCharacters() {
        assertThat(LogText.escape("a\nb\r\nc\td")).isEqualTo("a\\nb\\r\\nc\\td");
        assertThat(LogText.escape("a\u2028b\u2029c\u0085d")).isEqualTo("a\\u2028b\\u2029c\\u0085d");
        assertThat(LogText.escape("\u001b[31mred\u0000")).isEqualTo("\\u001b[31mred\\u0000");
        assertThat(LogText.escape("evil\u202Egnp.exe")).as("bidirectional override").isEqualTo("evil\\u202egnp.exe");
        assertThat(LogText.escape("a\uD800b")).as("a lone surrogate").isEqualTo("a\\ud800b");
        assertThat(LogText.escape("a\\nb")).as("a typed backslash cannot pose as an escape").isEqualTo("a\\\\nb");
        assertThat(LogText.escape(null)).isEqualTo("null");
    }

    @Test
    void shouldKeepOrdinaryTextOfAnyScript() {
        assertThat(LogText.escape("clıent@demo.law")).isEqualTo("clıent@demo.law");
        assertThat(LogText.escape("müller@kanzlei.de 法律 😀")).isEqualTo("müller@kanzlei.de 法律 😀");
    }

    @Test
    void shouldCutLongText() {
        String escaped = LogText.escape("x".repeat(10_000));
        assertThat(escaped).startsWith("x".repeat(LogText.MAX_LENGTH)).endsWith("...(" + (10_000 - 256) + " more)");
        assertThat(escaped.lines().count()).isEqualTo(1);
    }
}
