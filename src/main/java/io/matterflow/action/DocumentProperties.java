package io.matterflow.action;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** {@code matterflow.documents.*}: where uploads are stored and how large one may be. */
@ConfigurationProperties("matterflow.documents")
public record DocumentProperties(Path storageDir, DataSize maxSize) {

    public static final String PREFIX = "matterflow.documents.";

    public DocumentProperties {
        storageDir = storageDir == null ? Path.of("data", "documents") : storageDir;
        maxSize = maxSize == null ? DataSize.ofMegabytes(20) : maxSize;
    }
}
