package io.matterflow.action;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code matterflow.documents.*}: where uploads are stored (and where infected ones are moved), how large one may be,
 * how much a step and a person may upload, and how long an upload that was never submitted is kept.
 *
 * @param storageDir            uploaded documents, under {@code <org>/<document id>}
 * @param quarantineDir         documents the upload scanner found infected, moved out of {@code storageDir}
 * @param maxSize               the largest upload
 * @param maxPerStep            how many documents one step takes
 * @param maxBytesPerStep       how many bytes one step takes, all its documents together
 * @param maxBytesPerUserPerDay how many bytes one person may upload in any 24 hours
 * @param retention             how long a document no completed step names is kept before the cleanup removes it
 * @param cleanupInterval       how often each node looks for such documents
 */
@ConfigurationProperties("matterflow.documents")
public record DocumentProperties(Path storageDir, Path quarantineDir, DataSize maxSize, Integer maxPerStep,
                                 DataSize maxBytesPerStep, DataSize maxBytesPerUserPerDay, Duration retention,
                                 Duration cleanupInterval) {

    public static final String PREFIX = "matterflow.documents.";

    public DocumentProperties {
        storageDir = storageDir == null ? Path.of("data", "documents") : storageDir;
        quarantineDir = quarantineDir == null ? sibling(storageDir, "quarantine") : quarantineDir;
        maxSize = maxSize == null ? DataSize.ofMegabytes(20) : maxSize;
        maxPerStep = maxPerStep == null ? 20 : maxPerStep;
        maxBytesPerStep = maxBytesPerStep == null ? DataSize.ofMegabytes(50) : maxBytesPerStep;
        maxBytesPerUserPerDay = maxBytesPerUserPerDay == null ? DataSize.ofMegabytes(200) : maxBytesPerUserPerDay;
        retention = retention == null ? Duration.ofDays(7) : retention;
        cleanupInterval = cleanupInterval == null ? Duration.ofHours(1) : cleanupInterval;
        if (maxPerStep < 1 || maxSize.toBytes() < 1 || maxBytesPerStep.toBytes() < 1
                || maxBytesPerUserPerDay.toBytes() < 1 || retention.isNegative() || cleanupInterval.isNegative()
                || cleanupInterval.isZero()) {
            throw new IllegalArgumentException("matterflow.documents.* limits must be positive");
        }
    }

    /** A directory next to {@code dir}: never inside it, so nothing that reads the storage finds quarantined files. */
    private static Path sibling(Path dir, String name) {
        Path parent = dir.toAbsolutePath().normalize().getParent();
        return parent == null ? Path.of(name) : parent.resolve(name);
    }
}
