package io.matterflow.access;

/**
 * Text a client chose (an email typed at sign-in, a forwarded address), made safe for one log line: a line break
 * in it would otherwise start a line of the attacker's making (penetration test, issue 16, finding 7). Line breaks,
 * tabs, control and format characters (ANSI escapes, bidirectional overrides, U+2028) are written as escapes, a
 * backslash is doubled so that an escape cannot be typed in, and the text is cut after {@link #MAX_LENGTH}
 * characters, since a client decides its length too.
 */
public final class LogText {

    static final int MAX_LENGTH = 256;

    private LogText() {
    }

    public static String escape(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH) + 16);
        int i = 0;
        while (i < text.length() && out.length() < MAX_LENGTH) {
            int c = text.codePointAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (unsafe(c)) {
                        out.append(c <= 0xFFFF ? String.format("\\u%04x", c) : String.format("\\u{%x}", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
            i += Character.charCount(c);
        }
        if (i < text.length()) {
            out.append("...(").append(text.length() - i).append(" more)");
        }
        return out.toString();
    }

    private static boolean unsafe(int c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE
                || type == Character.UNASSIGNED;
    }
}
