package io.matterflow.action;

/**
 * An uploaded file's name as it is kept and shown. Characters that are invisible or change how the rest is displayed
 * are removed: Unicode controls (Cc: NUL, escape, line ends), format characters (Cf: the right-to-left override
 * U+202E, the other bidirectional embeddings, overrides and isolates, zero-width characters, the byte-order mark),
 * line and paragraph separators and lone surrogates. "invoice", U+202E, "fdp.exe" would otherwise be shown as
 * "invoiceexe.pdf". Path separators become "_". A name left with nothing but an extension, or with nothing at all,
 * falls back to {@value #FALLBACK}.
 */
public final class FileNames {

    public static final String FALLBACK = "document";
    /** Why a name with NUL is refused rather than cleaned: no file name has one by mistake. */
    public static final String NUL_IN_NAME = "must have a name without the NUL character (U+0000)";

    private FileNames() {
    }

    /** The cleaned name; never empty, for a blank name as well (callers refuse those first if they must). */
    public static String clean(String name) {
        StringBuilder kept = new StringBuilder();
        (name == null ? "" : name).codePoints().forEach(c -> {
            if (!hidden(c)) {
                kept.appendCodePoint(c == '/' || c == '\\' ? '_' : c);
            }
        });
        String cleaned = kept.toString().strip();
        // nothing left, or only an extension (".pdf"): the name the file is shown and downloaded under needs a stem
        return cleaned.isEmpty() ? FALLBACK : cleaned.lastIndexOf('.') == 0 ? FALLBACK + cleaned : cleaned;
    }

    private static boolean hidden(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.LINE_SEPARATOR,
                 Character.PARAGRAPH_SEPARATOR -> true;
            default -> false;
        };
    }
}
