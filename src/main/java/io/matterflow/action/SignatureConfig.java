package io.matterflow.action;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * SIGNATURE_CLIENT: the document to sign and the e-signature provider (default "mock"). {@code documentId} is the id
 * of a document the firm stored for the template or the instance ({@link #storedDocumentId}), or, as before stored
 * documents existed, a free-text reference to a document kept elsewhere.
 */
public record SignatureConfig(@NotBlank @Size(max = 200) String documentId, @Size(max = 50) String provider) {

    /** What a document to sign may be, by name or type (its content is checked as every upload's): PDF or Word. */
    public static final List<String> DOCUMENT_TYPES = List.of(".pdf", "application/pdf", ".docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

    /** The config's document id when it names a stored document (a UUID); empty for a free-text reference. */
    public Optional<UUID> storedDocumentId() {
        return storedDocumentId(documentId);
    }

    /** As {@link #storedDocumentId()}, for a config not parsed yet: its {@code documentId} value. */
    public static Optional<UUID> storedDocumentId(Object documentId) {
        if (!(documentId instanceof String text) || text.strip().length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(text.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public String providerOrDefault() {
        return provider == null || provider.isBlank() ? ESignatureProvider.MOCK : provider;
    }
}
