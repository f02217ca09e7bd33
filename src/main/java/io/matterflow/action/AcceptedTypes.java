package io.matterflow.action;

import java.util.List;
import java.util.Locale;

/** Matching of an upload against a document request's accepted MIME types ("image/*") and extensions (".pdf"). */
public final class AcceptedTypes {

    static final String PATTERN = "(?i)^(\\.[a-z0-9]{1,10}|[a-z]+/([a-z0-9][a-z0-9.+-]*|\\*))$";

    private AcceptedTypes() {
    }

    /** True when nothing is configured, or the file's name or content type matches an entry. */
    public static boolean accepts(List<String> accepted, String fileName, String contentType) {
        if (accepted == null || accepted.isEmpty()) {
            return true;
        }
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).split(";")[0].trim();
        for (String entry : accepted) {
            String e = entry.toLowerCase(Locale.ROOT);
            if (e.startsWith(".")) {
                if (name.endsWith(e)) {
                    return true;
                }
            } else if (e.endsWith("/*")) {
                if (type.startsWith(e.substring(0, e.length() - 1))) {
                    return true;
                }
            } else if (type.equals(e)) {
                return true;
            }
        }
        return false;
    }
}
