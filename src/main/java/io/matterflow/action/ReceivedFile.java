package io.matterflow.action;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An upload streamed into the storage's incoming directory, not yet a document: its size, SHA-256 and first bytes
 * (enough to tell its kind, {@link FileContent#SNIFF_BYTES}). {@link Documents#record} moves it into place; closing
 * deletes it unless it was recorded, so a refused upload leaves no file behind.
 */
public final class ReceivedFile implements AutoCloseable {

    private final Path path;
    private final long size;
    private final String sha256;
    private final byte[] head;
    private boolean recorded;

    ReceivedFile(Path path, long size, String sha256, byte[] head) {
        this.path = path;
        this.size = size;
        this.sha256 = sha256;
        this.head = head;
    }

    public long size() {
        return size;
    }

    public String sha256() {
        return sha256;
    }

    /** The file's first bytes (all of it when it is short). */
    public byte[] head() {
        return head.clone();
    }

    Path path() {
        return path;
    }

    void recorded() {
        recorded = true;
    }

    @Override
    public void close() {
        if (!recorded) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the refused upload " + path, e);
            }
        }
    }
}
