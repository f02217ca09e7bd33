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
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.multipart.MultipartFile;

import io.matterflow.action.internal.DocumentEntity;
import io.matterflow.action.internal.DocumentRepository;
import io.matterflow.action.internal.UploadUsage;
import io.matterflow.common.ConflictException;
import io.matterflow.common.NotFoundException;
import io.matterflow.common.RateLimitedException;
import io.matterflow.common.TooLargeException;
import io.matterflow.common.UnsupportedTypeException;
import io.matterflow.common.ValidationException;

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
    /** The longest file name kept. */
    public static final int MAX_NAME = 255;

    private final DocumentRepository repository;
    private final UploadUsage usage;
    private final DocumentProperties properties;
    private final Clock clock;

    private final TransactionTemplate transactions;
    private final TransactionTemplate reads;

    Documents(DocumentRepository repository, UploadUsage usage, DocumentProperties properties, Clock clock,
              PlatformTransactionManager transactionManager) {
        this.repository = repository;
        this.usage = usage;
        this.properties = properties;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
        this.reads = new TransactionTemplate(transactionManager);
        this.reads.setReadOnly(true);
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

    /** An upload received and checked: its kept name, its type and the file in the incoming directory. */
    public record CheckedUpload(String name, String contentType, ReceivedFile file) implements AutoCloseable {
        @Override
        public void close() {
            file.close();
        }
    }

    /**
     * The file part of a multipart upload, asked for only now (so that a refused upload is never parsed): 400 when
     * it is missing, 413 when its declared size passes the limit.
     */
    public MultipartFile part(Supplier<MultipartFile> part) {
        MultipartFile file = part.get();
        if (file == null) {
            throw ValidationException.of("Invalid upload", "file", "is required");
        }
        requireWithinLimit(file.getSize());
        return file;
    }

    /** 413 for a file over the limit; callers check the declared size before reading the bytes. */
    public void requireWithinLimit(long size) {
        if (size > maxSize()) {
            throw new TooLargeException("the upload is larger than the limit of " + maxSize() + " bytes");
        }
    }

    /**
     * What every upload goes through, whoever it is for: the name is cleaned ({@link #fileName}), a missing type is
     * {@code application/octet-stream}, the name and type must be {@code accepted} (415, before the body is read; an
     * empty list accepts any), then the content is streamed in ({@link #receive}, 413) and must not be empty (400)
     * and its first bytes must be the kind its name and type say (415). Close the answer unless it is recorded.
     */
    public CheckedUpload receive(String fileName, String contentType, InputStream content, List<String> accepted,
                                 String refusal) {
        String name = fileName(fileName);
        String type = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType;
        if (!AcceptedTypes.accepts(accepted, name, type)) {
            throw new UnsupportedTypeException(refusal);
        }
        ReceivedFile received = receive(content);
        try {
            if (received.size() == 0) {
                throw ValidationException.of("Invalid upload", "file", "must not be empty");
            }
            if (!FileContent.consistent(name, type, received.head(), received.size())) {
                throw new UnsupportedTypeException("the file's content is not a PDF, PNG, JPEG, GIF, Office (ZIP)"
                        + " document or plain text matching its name and declared type");
            }
            return new CheckedUpload(name, type, received);
        } catch (RuntimeException e) {
            received.close();
            throw e;
        }
    }

    /**
     * The name as kept: without invisible or display-changing characters ({@link FileNames}); 400 when blank, or
     * when it holds a NUL, which no file name has by mistake (as JSON strings with NUL are refused).
     */
    public static String fileName(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            throw ValidationException.of("Invalid upload", "file", "must have a name of 1 to " + MAX_NAME
                    + " characters");
        }
        if (fileName.indexOf('\0') >= 0) {
            throw ValidationException.of("Invalid upload", "file", FileNames.NUL_IN_NAME);
        }
        String name = FileNames.clean(fileName);
        if (name.length() > MAX_NAME) {
            throw ValidationException.of("Invalid upload", "file", "must have a name of 1 to " + MAX_NAME
                    + " characters");
        }
        return name;
    }

    /**
     * A document the firm stores for signing, for a template or an instance, from a multipart upload whose part is
     * parsed on first use. {@code check} decides whether the caller may store it there (404, 403, 409): it runs
     * before the part is read, and again in the transaction that records the document, with {@code recorded} (the
     * audit) after it. Then as every upload: the person's daily limit (429), a PDF or Word file
     * ({@link SignatureConfig#DOCUMENT_TYPES}, 415), streamed in within the size limit (413).
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public DocumentInfo uploadForSigning(UUID orgId, UUID userId, DocumentOwner owner, Supplier<MultipartFile> part,
                                         Runnable check, java.util.function.Consumer<DocumentInfo> recorded) {
        reads.executeWithoutResult(status -> {
            check.run();
            requirePersonalRoom(userId, 1);
        });
        MultipartFile file = part(part);
        try (var upload = receive(file.getOriginalFilename(), file.getContentType(), file.getInputStream(),
                SignatureConfig.DOCUMENT_TYPES, "a document to sign is a PDF or a Word (.docx) document")) {
            return transactions.execute(status -> {
                check.run();
                requirePersonalRoom(userId, upload.file().size());
                DocumentInfo info = record(orgId, owner, userId, upload.name(), upload.contentType(), upload.file());
                recorded.accept(info);
                return info;
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded part", e);
        }
    }

    /** Records a received upload to a step: {@link #record(UUID, DocumentOwner, UUID, String, String, ReceivedFile)}. */
    @Transactional
    public DocumentInfo record(UUID orgId, UUID stepId, UUID uploadedBy, String name, String contentType,
                               ReceivedFile received) {
        return record(orgId, DocumentOwner.step(stepId), uploadedBy, name, contentType, received);
    }

    /**
     * Moves a received upload into place and records it for its owner, in the caller's transaction: should that
     * roll back, the file is deleted again.
     */
    @Transactional
    public DocumentInfo record(UUID orgId, DocumentOwner owner, UUID uploadedBy, String name, String contentType,
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
        var info = new DocumentInfo(id, orgId, owner.stepId(), name, contentType, received.size(), received.sha256(),
                uploadedBy, clock.instant(), DocumentStatus.UNSCANNED, null, owner.templateId(), owner.instanceId());
        repository.save(new DocumentEntity(info, key));
        usage.add(uploadedBy, received.size(), info.uploadedAt());
        return info;
    }

    /** Receives and records content already in memory: for tests, the demo data and the benchmark. */
    @Transactional
    public DocumentInfo store(UUID orgId, UUID stepId, UUID uploadedBy, String name, String contentType, byte[] content) {
        return store(orgId, DocumentOwner.step(stepId), uploadedBy, name, contentType, content);
    }

    /** Receives and records content already in memory for any owner: for tests and the demo data. */
    @Transactional
    public DocumentInfo store(UUID orgId, DocumentOwner owner, UUID uploadedBy, String name, String contentType,
                              byte[] content) {
        try (ReceivedFile received = receive(new ByteArrayInputStream(content))) {
            return record(orgId, owner, uploadedBy, name, contentType, received);
        }
    }

    /**
     * The limits an upload of {@code size} more bytes must fit (use 1 before the size is known): the step's document
     * count and bytes (409, as uploading more cannot succeed until documents are removed) and the person's bytes in
     * the last 24 hours, counted by the hour ({@link UploadUsage}; 429 with when to retry). Each names its
     * {@code matterflow.documents.*} property. Exact when the caller holds a lock on the step; the person's limit may
     * be passed by the uploads running at that moment.
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
        requirePersonalRoom(userId, size);
    }

    /**
     * The person's limit alone: bytes uploaded in the current hour and the 24 before it (429 with when the earliest
     * of those hours leaves the window). For the firm's own documents, which belong to no step.
     */
    public void requirePersonalRoom(UUID userId, long size) {
        Instant now = clock.instant();
        UploadUsage.Usage recent = usage.of(userId, now);
        long maxDaily = properties.maxBytesPerUserPerDay().toBytes();
        if (recent.bytes() + size > maxDaily) {
            Instant leaves = recent.earliest() == null ? now : recent.earliestLeaves();
            String limit = DocumentProperties.PREFIX + "max-bytes-per-user-per-day";
            throw new RateLimitedException("Upload limit reached", "your uploads of the last 24 hours would exceed "
                    + maxDaily + " bytes (" + limit + "); try again later", Duration.between(now, leaves),
                    Map.of("limit", limit, "max", maxDaily, "current", recent.bytes()));
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

    /** The documents the firm stored for the template, oldest first. */
    public List<DocumentInfo> forTemplate(UUID orgId, UUID templateId) {
        return repository.findByOrgIdAndTemplateIdOrderByUploadedAt(orgId, templateId).stream()
                .map(DocumentEntity::toInfo).toList();
    }

    /** The documents the firm stored for the instance, oldest first. */
    public List<DocumentInfo> forInstance(UUID orgId, UUID instanceId) {
        return repository.findByOrgIdAndInstanceIdOrderByUploadedAt(orgId, instanceId).stream()
                .map(DocumentEntity::toInfo).toList();
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
