package io.matterflow.action;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.matterflow.common.ConflictException;
import io.matterflow.common.NotFoundException;
import io.matterflow.common.RateLimitedException;
import io.matterflow.common.TooLargeException;

/**
 * Stores uploaded documents on the file system ({@code matterflow.documents.storage-dir}) with their metadata in the
 * database. An upload is {@link #receive received} first — streamed into the storage's incoming directory while it is
 * hashed and counted, never held in memory — and then {@link #record recorded}: moved into place and given its row.
 * Callers check who may upload, which types a step accepts and {@link #requireRoom the limits} in between.
 */
@Service
@Transactional(readOnly = true)
public class Documents implements DocumentLookup {

    private static final Logger log = LoggerFactory.getLogger(Documents.class);
    private static final String INCOMING = ".incoming";
    private static final int BUFFER = 64 * 1024;

    private final DocumentRepository repository;
    private final DocumentProperties properties;
    private final Clock clock;

    Documents(DocumentRepository repository, DocumentProperties properties, Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.clock = clock;
    }

    public long maxSize() {
        return properties.maxSize().toBytes();
    }

    public DocumentProperties properties() {
        return properties;
    }

    /**
     * Streams an upload into the incoming directory while hashing it, keeping only its first
     * {@link FileContent#SNIFF_BYTES} bytes in memory. 413 as soon as it passes the size limit (the partial file is
     * deleted). Outside any transaction: no database connection is held while the bytes arrive.
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public ReceivedFile receive(InputStream content) {
        Path incoming = properties.storageDir().resolve(INCOMING);
        Path file;
        try {
            Files.createDirectories(incoming);
            file = Files.createTempFile(incoming, "upload-", ".part");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create an incoming file under " + incoming, e);
        }
        MessageDigest digest = sha256();
        ByteArrayOutputStream head = new ByteArrayOutputStream(FileContent.SNIFF_BYTES);
        long size = 0;
        long max = maxSize();
        boolean kept = false;
        try (InputStream in = content; OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                size += n;
                if (size > max) {
                    throw new TooLargeException("the upload is larger than the limit of " + max + " bytes ("
                            + DocumentProperties.PREFIX + "max-size)");
                }
                digest.update(buffer, 0, n);
                if (head.size() < FileContent.SNIFF_BYTES) {
                    head.write(buffer, 0, Math.min(n, FileContent.SNIFF_BYTES - head.size()));
                }
                out.write(buffer, 0, n);
            }
            kept = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot receive an upload into " + file, e);
        } finally {
            if (!kept) {
                deleteQuietly(file);
            }
        }
        return new ReceivedFile(file, size, HexFormat.of().formatHex(digest.digest()), head.toByteArray());
    }

    /**
     * Moves a received upload into place and records it, in the caller's transaction: should that roll back, the
     * file is deleted again.
     */
    @Transactional
    public DocumentInfo record(UUID orgId, UUID stepId, UUID uploadedBy, String name, String contentType,
                               ReceivedFile received) {
        UUID id = UUID.randomUUID();
        String key = orgId + "/" + id;
        Path target = properties.storageDir().resolve(key);
        try {
            if (!Files.isDirectory(target.getParent())) {
                Files.createDirectories(target.getParent());
            }
            Files.move(received.path(), target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store document " + id, e);
        }
        received.recorded();
        afterRollback(() -> deleteQuietly(target));
        var info = new DocumentInfo(id, orgId, stepId, name, contentType, received.size(), received.sha256(),
                uploadedBy, clock.instant());
        repository.save(new DocumentEntity(info, key));
        return info;
    }

    /** Receives and records content already in memory: for tests, the demo data and the benchmark. */
    @Transactional
    public DocumentInfo store(UUID orgId, UUID stepId, UUID uploadedBy, String name, String contentType, byte[] content) {
        try (ReceivedFile received = receive(new ByteArrayInputStream(content))) {
            return record(orgId, stepId, uploadedBy, name, contentType, received);
        }
    }

    /**
     * The limits an upload of {@code size} more bytes must fit (use 1 before the size is known): the step's document
     * count and bytes (409, as uploading more cannot succeed until documents are removed) and the person's bytes in
     * the last 24 hours (429 with when to retry). Each names its {@code matterflow.documents.*} property. Exact when
     * the caller holds a lock on the step; the person's limit may be passed by the uploads running at that moment.
     */
    public void requireRoom(UUID stepId, UUID userId, long size) {
        Object[] step = repository.usageOfStep(stepId).get(0);
        long count = ((Number) step[0]).longValue();
        long bytes = ((Number) step[1]).longValue();
        if (count >= properties.maxPerStep()) {
            throw limitReached("max-per-step", "this step already has " + count + " documents, the most it takes",
                    properties.maxPerStep(), count);
        }
        long maxBytes = properties.maxBytesPerStep().toBytes();
        if (bytes + size > maxBytes) {
            throw limitReached("max-bytes-per-step", "this step's documents would exceed " + maxBytes
                    + " bytes together (they have " + bytes + ")", maxBytes, bytes);
        }
        Instant now = clock.instant();
        Object[] person = repository.uploadedBySince(userId, now.minus(Duration.ofDays(1))).get(0);
        long recent = ((Number) person[0]).longValue();
        long maxDaily = properties.maxBytesPerUserPerDay().toBytes();
        if (recent + size > maxDaily) {
            Instant earliest = person[1] == null ? now : (Instant) person[1];
            String limit = DocumentProperties.PREFIX + "max-bytes-per-user-per-day";
            throw new RateLimitedException("Upload limit reached", "your uploads of the last 24 hours would exceed "
                    + maxDaily + " bytes (" + limit + "); try again later",
                    Duration.between(now, earliest.plus(Duration.ofDays(1))),
                    Map.of("limit", limit, "max", maxDaily, "current", recent));
        }
    }

    private static ConflictException limitReached(String property, String message, long max, long current) {
        String limit = DocumentProperties.PREFIX + property;
        return new ConflictException("Upload limit reached", message + " (" + limit + ")",
                Map.of("limit", limit, "max", max, "current", current));
    }

    @Override
    public Optional<DocumentInfo> find(UUID orgId, UUID documentId) {
        return repository.findByIdAndOrgId(documentId, orgId).map(DocumentEntity::toInfo);
    }

    @Override
    @Transactional
    public int markSubmitted(UUID orgId, UUID stepId, Collection<UUID> documentIds, Instant at) {
        return documentIds.isEmpty() ? 0 : repository.markSubmitted(orgId, stepId, documentIds, at);
    }

    /**
     * Records the upload scanner's verdict. Scanners know no organization: the document is found by its id alone,
     * and the caller learns its organization from the answer. An infected verdict moves the content to the
     * quarantine directory (back again should the transaction roll back) and is final.
     */
    @Transactional
    public ScanRecorded recordScan(UUID documentId, boolean clean) {
        var entity = repository.findById(documentId).orElseThrow(() -> new NotFoundException("Document", documentId));
        DocumentStatus verdict = clean ? DocumentStatus.ACCEPTED : DocumentStatus.REJECTED;
        if (entity.status() == DocumentStatus.REJECTED || entity.status() == verdict) {
            return new ScanRecorded(entity.toInfo(), false, false);
        }
        entity.scanned(verdict, clock.instant());
        repository.flush();
        boolean quarantined = !clean && quarantine(entity);
        return new ScanRecorded(entity.toInfo(), true, quarantined);
    }

    private boolean quarantine(DocumentEntity entity) {
        Path stored = properties.storageDir().resolve(entity.storageKey());
        Path quarantined = properties.quarantineDir().resolve(entity.storageKey());
        if (!Files.exists(stored)) {
            return false;
        }
        try {
            Files.createDirectories(quarantined.getParent());
            Files.move(stored, quarantined, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot quarantine document " + entity.id(), e);
        }
        afterRollback(() -> {
            try {
                Files.move(quarantined, stored, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                log.error("Document {} stays quarantined although its verdict was rolled back", entity.id(), e);
            }
        });
        return true;
    }

    public List<DocumentInfo> forStep(UUID stepId) {
        return repository.findByStepIdOrderByUploadedAt(stepId).stream().map(DocumentEntity::toInfo).toList();
    }

    /** The stored content; a REJECTED (infected, quarantined) document's content is not given out (409). */
    public InputStream open(UUID orgId, UUID documentId) {
        var entity = repository.findByIdAndOrgId(documentId, orgId)
                .orElseThrow(() -> new NotFoundException("Document", documentId));
        if (entity.status() == DocumentStatus.REJECTED) {
            throw new ConflictException("Document quarantined", "the upload scan found this document infected");
        }
        try {
            return Files.newInputStream(properties.storageDir().resolve(entity.storageKey()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read document " + documentId, e);
        }
    }

    /** Up to {@code limit} of the oldest documents no completed step named, uploaded before the cutoff. */
    public List<DocumentInfo> unsubmittedBefore(Instant cutoff, int limit) {
        return repository.findUnsubmittedBefore(cutoff, Limit.of(limit)).stream().map(DocumentEntity::toInfo).toList();
    }

    /**
     * Removes the document if it is still unsubmitted and was uploaded before the cutoff, in the caller's transaction;
     * its file (in storage or quarantine) is deleted once that commits. Of several nodes, or of a cleanup and a
     * completion naming the document, exactly one wins: the delete's condition is checked on the row.
     *
     * @return the removed document, or empty when it was gone, submitted or not old enough
     */
    @Transactional
    public Optional<DocumentInfo> removeIfUnsubmitted(UUID documentId, Instant cutoff) {
        Optional<DocumentEntity> entity = repository.findById(documentId);
        if (entity.isEmpty()) {
            return Optional.empty();
        }
        DocumentInfo info = entity.get().toInfo();
        String key = entity.get().storageKey();
        if (repository.deleteIfUnsubmitted(documentId, cutoff) == 0) {
            return Optional.empty();
        }
        afterCommit(() -> {
            deleteQuietly(properties.storageDir().resolve(key));
            deleteQuietly(properties.quarantineDir().resolve(key));
        });
        return Optional.of(info);
    }

    /** Deletes incoming files older than the cutoff: what a node stopped in the middle of an upload left behind. */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public int removeAbandonedIncoming(Instant cutoff) {
        Path incoming = properties.storageDir().resolve(INCOMING);
        if (!Files.isDirectory(incoming)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(incoming, "upload-*.part")) {
            for (Path file : files) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff) && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            log.warn("Cannot clean up {}", incoming, e);
        }
        return removed;
    }

    private static void afterCommit(Runnable action) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }

    private static void afterRollback(Runnable action) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status == STATUS_ROLLED_BACK) {
                    action.run();
                }
            }
        });
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot delete {}", file, e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
