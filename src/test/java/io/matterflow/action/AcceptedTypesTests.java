package io.matterflow.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AcceptedTypesTests {

    private static final String PDF = "application/pdf";

    static Stream<Arguments> matches() {
        return Stream.of(
                argumentSet("extension", List.of(".pdf"), "passport.pdf", "application/octet-stream", true),
                argumentSet("extension, upper-case file name", List.of(".pdf"), "PASSPORT.PDF", null, true),
                argumentSet("extension, upper-case entry", List.of(".PDF"), "passport.pdf", null, true),
                argumentSet("extension must end the name", List.of(".pdf"), "passport.pdf.exe", PDF, false),
                argumentSet("extension needs its dot", List.of(".pdf"), "passportpdf", PDF, false),
                argumentSet("extension, no file name", List.of(".pdf"), null, PDF, false),
                argumentSet("exact MIME", List.of(PDF), "scan.bin", PDF, true),
                argumentSet("exact MIME, mixed case", List.of(PDF), "scan", "Application/PDF", true),
                argumentSet("exact MIME, entry in upper case", List.of("APPLICATION/PDF"), "scan", PDF, true),
                argumentSet("exact MIME with parameters", List.of("text/plain"), "notes", "text/plain; charset=UTF-8",
                        true),
                argumentSet("exact MIME is not a prefix", List.of(PDF), "scan.pdf", "application/pdfx", false),
                argumentSet("exact MIME ignores the file name", List.of(PDF), "scan.pdf", "image/png", false),
                argumentSet("exact MIME, no content type", List.of(PDF), "scan.pdf", null, false),
                argumentSet("wildcard", List.of("image/*"), "photo", "image/png", true),
                argumentSet("wildcard with parameters, upper case", List.of("image/*"), "photo", "IMAGE/JPEG; q=1", true),
                argumentSet("wildcard, entry in upper case", List.of("IMAGE/*"), "photo", "image/webp", true),
                argumentSet("wildcard of another type", List.of("image/*"), "photo.png", PDF, false),
                argumentSet("wildcard needs the slash", List.of("image/*"), "photo", "imagex/png", false),
                argumentSet("wildcard, empty content type", List.of("image/*"), "photo.png", "", false),
                argumentSet("any entry matches", List.of(PDF, ".docx"), "letter.docx", "application/octet-stream", true),
                argumentSet("no entry matches", List.of(PDF, ".docx", "image/*"), "song.mp3", "audio/mpeg", false),
                argumentSet("empty list accepts all", List.of(), "anything.exe", "application/x-msdownload", true),
                argumentSet("empty list accepts unnamed, untyped", List.of(), null, null, true));
    }

    @ParameterizedTest
    @MethodSource("matches")
    void shouldMatchFileAgainstAcceptedTypes(List<String> accepted, String fileName, String contentType,
                                             boolean expected) {
        assertThat(AcceptedTypes.accepts(accepted, fileName, contentType)).isEqualTo(expected);
    }

    @Test
    void shouldAcceptAllWhenNothingIsConfigured() {
        assertThat(AcceptedTypes.accepts(null, "anything.exe", "application/x-msdownload")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {".pdf", ".JPEG", ".7z", "application/pdf", "image/*", "image/svg+xml", "text/x-c",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "APPLICATION/PDF"})
    void shouldAllowWellFormedEntriesInConfig(String entry) {
        assertThat(entry).matches(AcceptedTypes.PATTERN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pdf", ".", ".abcdefghijk", ". pdf", "*/*", "image/", "/pdf", "image/*/x",
            "text/plain; charset=utf-8", " .pdf", "application/.pdf"})
    void shouldRejectMalformedEntriesInConfig(String entry) {
        assertThat(entry).doesNotMatch(AcceptedTypes.PATTERN);
    }
}
