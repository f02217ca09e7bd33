package io.matterflow.action;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** NOTARIZATION_LAWYER (a test-only type): the document to notarize and, optionally, where. */
public record NotarizationConfig(@NotBlank @Size(max = 300) String documentName, @Size(max = 100) String jurisdiction) {
}
