package io.matterflow.action;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** SIGNATURE_CLIENT: the document to sign and the e-signature provider (default "mock"). */
public record SignatureConfig(@NotBlank @Size(max = 200) String documentId, @Size(max = 50) String provider) {

    public String providerOrDefault() {
        return provider == null || provider.isBlank() ? ESignatureProvider.MOCK : provider;
    }
}
