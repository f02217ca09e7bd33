package io.matterflow.action;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What an upload is, by its first bytes rather than its name: PDF ({@code %PDF}), PNG, JPEG, GIF, a ZIP container
 * (Office Open XML such as .docx, OpenDocument, .zip) or plain UTF-8 text without markup. Anything else — executables,
 * HTML, SVG, unknown binaries — is no accepted content. A file is {@link #consistent} when its content is one of these
 * kinds and both its extension (when it has one) and its declared MIME type (unless absent or
 * application/octet-stream) name that same kind. Only the first {@value #SNIFF_BYTES} bytes are read, so an upload
 * can be judged while it is streamed to storage.
 */
public enum FileContent {

    PDF(List.of(".pdf"), List.of("application/pdf")),
    PNG(List.of(".png"), List.of("image/png")),
    JPEG(List.of(".jpg", ".jpeg"), List.of("image/jpeg", "image/pjpeg")),
    GIF(List.of(".gif"), List.of("image/gif")),
    ZIP(List.of(".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".zip"),
            List.of("application/zip", "application/x-zip-compressed",
                    "application/vnd.openxmlformats-officedocument.", "application/vnd.oasis.opendocument.")),
    TEXT(List.of(".txt", ".csv", ".md", ".log"), List.of("text/plain", "text/csv", "text/markdown"));

    /** How much of a file's start decides its kind. */
    public static final int SNIFF_BYTES = 8192;
    private static final Set<String> NEUTRAL_TYPES = Set.of("", "application/octet-stream");

    private final List<String> extensions;
    private final List<String> types;

    FileContent(List<String> extensions, List<String> types) {
        this.extensions = extensions;
        this.types = types;
    }

    /** The kind of the content, or null when it is none this application accepts. */
    public static FileContent detect(byte[] content) {
        return detect(content, content == null ? 0 : content.length);
    }

    /**
     * The kind of a file of {@code size} bytes that starts with {@code content} (at least its first
     * {@value #SNIFF_BYTES} bytes, or all of it), or null when it is none this application accepts.
     */
    public static FileContent detect(byte[] content, long size) {
        if (content == null || content.length == 0 || size == 0) {
            return null;
        }
        if (startsWith(content, '%', 'P', 'D', 'F')) {
            return PDF;
        }
        if (startsWith(content, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return PNG;
        }
        if (startsWith(content, 0xFF, 0xD8, 0xFF)) {
            return JPEG;
        }
        if (startsWith(content, 'G', 'I', 'F', '8', '7', 'a') || startsWith(content, 'G', 'I', 'F', '8', '9', 'a')) {
            return GIF;
        }
        if (startsWith(content, 'P', 'K', 3, 4) || startsWith(content, 'P', 'K', 5, 6)) {
            return ZIP;
        }
        return isPlainText(content, size > Math.min(content.length, SNIFF_BYTES)) ? TEXT : null;
    }

    /** True when the content is an accepted kind that the file's extension and declared type agree with. */
    public static boolean consistent(String fileName, String contentType, byte[] content) {
        return consistent(fileName, contentType, content, content == null ? 0 : content.length);
    }

    /** {@link #consistent(String, String, byte[])} for a file of {@code size} bytes that starts with {@code head}. */
    public static boolean consistent(String fileName, String contentType, byte[] head, long size) {
        FileContent kind = detect(head, size);
        if (kind == null) {
            return false;
        }
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT).strip();
        int dot = name.lastIndexOf('.');
        if (dot >= 0 && dot < name.length() - 1 && kind.extensions.stream().noneMatch(name::endsWith)) {
            return false;
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).split(";")[0].trim();
        return NEUTRAL_TYPES.contains(type) || kind.types.stream()
                .anyMatch(t -> t.endsWith(".") ? type.startsWith(t) : type.equals(t));
    }

    private static boolean startsWith(byte[] content, int... prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((content[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Valid UTF-8 (in the first 8 KB) with no control characters but tabs and line ends, and no HTML or SVG.
     * {@code cut}: the file goes on past what is checked, so its last character there may be split.
     */
    private static boolean isPlainText(byte[] content, boolean cut) {
        byte[] head = Arrays.copyOf(content, Math.min(content.length, SNIFF_BYTES));
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(head)).toString();
        } catch (CharacterCodingException e) {
            if (!cut) {
                return false;
            }
            // the 8 KB cut may split a character: decode leniently and check the rest
            text = new String(head, StandardCharsets.UTF_8);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                return false;
            }
        }
        String start = text.stripLeading().toLowerCase(Locale.ROOT);
        if (start.startsWith("\ufeff")) {
            start = start.substring(1).stripLeading();
        }
        return !(start.startsWith("<!doctype") || start.startsWith("<html") || start.startsWith("<script")
                || start.startsWith("<svg") || start.startsWith("<?xml") || start.startsWith("<body")
                || start.startsWith("<head") || start.startsWith("<iframe") || start.startsWith("<!--"));
    }
}
