package io.matterflow.action;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.matterflow.common.NotFoundException;

/**
 * Stores uploaded documents on the file system ({@code matterflow.documents.storage-dir}) with their metadata
 * in the database. Callers check who may upload and which types a step accepts before calling {@link #store}.
 */
@Service
@Transactional(readOnly = true)
public class Documents implements DocumentLookup {

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

    @Transactional
    public DocumentInfo store(UUID orgId, UUID stepId, UUID uploadedBy, String name, String contentType, byte[] content) {
        UUID id = UUID.randomUUID();
        String key = orgId + "/" + id;
        Path target = properties.storageDir().resolve(key);
        try {
            if (!Files.isDirectory(target.getParent())) {
                Files.createDirectories(target.getParent());
            }
            Files.write(target, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store document " + id, e);
        }
        var info = new DocumentInfo(id, orgId, stepId, name, contentType, content.length, sha256(content),
                uploadedBy, clock.instant());
        repository.save(new DocumentEntity(info, key));
        return info;
    }

    @Override
    public Optional<DocumentInfo> find(UUID orgId, UUID documentId) {
        return repository.findByIdAndOrgId(documentId, orgId).map(DocumentEntity::toInfo);
    }

    /**
     * Records the upload scanner's verdict. Scanners know no organization: the document is found by its id alone,
     * and the caller learns its organization from the answer.
     */
    @Transactional
    public DocumentInfo recordScan(UUID documentId, boolean clean) {
        var entity = repository.findById(documentId).orElseThrow(() -> new NotFoundException("Document", documentId));
        entity.scanned(clean ? DocumentStatus.ACCEPTED : DocumentStatus.REJECTED, clock.instant());
        repository.flush();
        return entity.toInfo();
    }

    public List<DocumentInfo> forStep(UUID stepId) {
        return repository.findByStepIdOrderByUploadedAt(stepId).stream().map(DocumentEntity::toInfo).toList();
    }

    public InputStream open(UUID orgId, UUID documentId) {
        var entity = repository.findByIdAndOrgId(documentId, orgId)
                .orElseThrow(() -> new NotFoundException("Document", documentId));
        try {
            return Files.newInputStream(properties.storageDir().resolve(entity.storageKey()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read document " + documentId, e);
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
