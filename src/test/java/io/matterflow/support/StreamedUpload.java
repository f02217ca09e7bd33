package io.matterflow.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A {@code multipart/form-data} body of one file part, generated as it is read: a file of any size costs the test no
 * memory. The file starts with {@code %PDF-1.4} and continues with printable filler that never contains the
 * boundary.
 */
public record StreamedUpload(String part, String fileName, String contentType, long fileSize) {

    public static final String BOUNDARY = "matterflow-test-boundary-7f3a";
    private static final byte[] PDF_HEAD = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FILLER = "0123456789abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ\n"
            .getBytes(StandardCharsets.US_ASCII);

    public static StreamedUpload pdf(String fileName, long fileSize) {
        return new StreamedUpload("file", fileName, "application/pdf", fileSize);
    }

    public String mediaType() {
        return "multipart/form-data; boundary=" + BOUNDARY;
    }

    /** The part's headers as raw bytes: a file name may carry any character, NUL included. */
    private byte[] head() {
        String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n";
        return head.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] tail() {
        return ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The length of the whole body, for a {@code Content-Length} header. */
    public long length() {
        return head().length + fileSize + tail().length;
    }

    /** A fresh stream of the whole body. */
    public InputStream body() {
        return new Concatenated(head(), fileSize, tail());
    }

    /** The SHA-256 of the file part's content, computed from a fresh stream of it. */
    public String sha256() {
        try (InputStream in = new Concatenated(new byte[0], fileSize, new byte[0])) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** head, then {@code size} bytes of the file (PDF header, then filler), then tail. */
    private static final class Concatenated extends InputStream {

        private final byte[] head;
        private final long size;
        private final byte[] tail;
        private final long total;
        private long position;

        Concatenated(byte[] head, long size, byte[] tail) {
            this.head = head;
            this.size = size;
            this.tail = tail;
            this.total = head.length + size + tail.length;
        }

        @Override
        public int read() {
            if (position >= total) {
                return -1;
            }
            return byteAt(position++) & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int off, int len) {
            if (position >= total) {
                return -1;
            }
            int n = (int) Math.min(len, total - position);
            for (int i = 0; i < n; i++) {
                buffer[off + i] = byteAt(position + i);
            }
            position += n;
            return n;
        }

        private byte byteAt(long at) {
            if (at < head.length) {
                return head[(int) at];
            }
            long inFile = at - head.length;
            if (inFile < size) {
                return inFile < PDF_HEAD.length ? PDF_HEAD[(int) inFile]
                        : FILLER[(int) ((inFile - PDF_HEAD.length) % FILLER.length)];
            }
            return tail[(int) (inFile - size)];
        }
    }
}
