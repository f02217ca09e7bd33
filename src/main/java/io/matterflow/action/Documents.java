package io.matterflow.action;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.matterflow.common.ConflictException;
import io.matterflow.common.NotFoundException;
import io.matterflow.common.TooLargeException;

/**
 * Stores uploaded documents on the file system ({@code matterflow.documents.storage-dir}) with their metadata in the
 * database. An upload is {@link #receive received} first — streamed into the storage's incoming directory while it is
 * hashed and counted, never held in memory — and then {@link #record recorded}: moved into place and given its row.
 * Callers check who may upload and which types a step accepts in between.
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

    @Override
    public Optional<DocumentInfo> find(UUID orgId, UUID documentId) {
        return repository.findByIdAndOrgId(documentId, orgId).map(DocumentEntity::toInfo);
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
