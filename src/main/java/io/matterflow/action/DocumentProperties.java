package io.matterflow.action;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code matterflow.documents.*}: where uploads are stored (and where infected ones are moved), and how large one may
 * be.
 *
 * @param storageDir    uploaded documents, under {@code <org>/<document id>}
 * @param quarantineDir documents the upload scanner found infected, moved out of {@code storageDir}
 * @param maxSize       the largest upload
 */
@ConfigurationProperties("matterflow.documents")
public record DocumentProperties(Path storageDir, Path quarantineDir, DataSize maxSize) {

    public static final String PREFIX = "matterflow.documents.";

    public DocumentProperties {
        storageDir = storageDir == null ? Path.of("data", "documents") : storageDir;
        quarantineDir = quarantineDir == null ? sibling(storageDir, "quarantine") : quarantineDir;
        maxSize = maxSize == null ? DataSize.ofMegabytes(20) : maxSize;
    }

    /** A directory next to {@code dir}: never inside it, so nothing that reads the storage finds quarantined files. */
    private static Path sibling(Path dir, String name) {
        Path parent = dir.toAbsolutePath().normalize().getParent();
        return parent == null ? Path.of(name) : parent.resolve(name);
    }
}
