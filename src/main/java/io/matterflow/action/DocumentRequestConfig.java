package io.matterflow.action;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** REQUEST_DOC_CLIENT: what to ask the client for and which MIME types or extensions are accepted. */
public record DocumentRequestConfig(
        @NotBlank @Size(max = 2000) String requestText,
        @Size(max = 20) List<@NotBlank @Pattern(regexp = AcceptedTypes.PATTERN,
                message = "must be a MIME type such as application/pdf or image/*, or an extension such as .pdf")
                String> acceptedTypes) {
}
