package io.matterflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

import io.matterflow.action.FileContent;
import io.matterflow.directory.Directory;
import io.matterflow.support.H2Test;
import io.matterflow.support.TestFirm;
import io.matterflow.support.Workflows;

/**
 * Uploads are checked by their content, not only by name: through the API and the UI, a file whose first bytes are
 * not an accepted kind, or do not match its extension or declared type, is refused with 415 and nothing is stored;
 * a file over the size limit is refused with 413.
 */
@H2Test
@AutoConfigureMockMvc
class UploadContentTests {

    static final byte[] PDF = "%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F'};
    static final byte[] GIF = "GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1);
    static final byte[] DOCX = {'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0, 0, 0, 33, 0};
    static final byte[] TEXT = "Notes about the matter\nline two\n".getBytes(StandardCharsets.UTF_8);
    static final byte[] EXE = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, (byte) 0xFF, (byte) 0xFF};
    static final byte[] ELF = {0x7F, 'E', 'L', 'F', 2, 1, 1, 0};
    static final byte[] HTML = "<!DOCTYPE html><html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
    static final byte[] SVG = "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>".getBytes(StandardCharsets.UTF_8);
    static final String DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    @Autowired
    MockMvc mvc;
    @Autowired
    Directory directory;
    @Autowired
    UserDetailsService users;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Workflows workflows;

    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.argumentSet("PDF", "passport.pdf", "application/pdf", PDF, 201),
                Arguments.argumentSet("PDF sent as octet-stream", "passport.pdf", "application/octet-stream", PDF, 201),
                Arguments.argumentSet("PNG", "scan.png", "image/png", PNG, 201),
                Arguments.argumentSet("JPEG", "scan.jpeg", "image/jpeg", JPEG, 201),
                Arguments.argumentSet("GIF", "scan.gif", "image/gif", GIF, 201),
                Arguments.argumentSet("docx", "letter.docx", DOCX_TYPE, DOCX, 201),
                Arguments.argumentSet("plain text", "notes.txt", "text/plain", TEXT, 201),
                Arguments.argumentSet("exe renamed .pdf", "passport.pdf", "application/pdf", EXE, 415),
                Arguments.argumentSet("ELF renamed .png", "scan.png", "image/png", ELF, 415),
                Arguments.argumentSet("HTML declared as image/png", "scan.png", "image/png", HTML, 415),
                Arguments.argumentSet("HTML declared as text/plain", "notes.txt", "text/plain", HTML, 415),
                Arguments.argumentSet("SVG as an image", "scan.svg", "image/svg+xml", SVG, 415),
                Arguments.argumentSet("PNG named .pdf", "passport.pdf", "application/pdf", PNG, 415),
                Arguments.argumentSet("PDF declared as image/png", "passport.pdf", "image/png", PDF, 415),
                Arguments.argumentSet("PDF named .exe", "passport.exe", "application/octet-stream", PDF, 415),
                Arguments.argumentSet("docx declared as PDF", "letter.docx", "application/pdf", DOCX, 415));
    }

    @ParameterizedTest
    @MethodSource("files")
    void shouldCheckUploadsByContentOverTheApi(String name, String type, byte[] content, int expected) throws Exception {
        var s = arrange();
        int status = mvc.perform(multipart("/api/workflows/steps/{id}/documents", s.step())
                        .file(new MockMultipartFile("file", name, type, content))
                        .with(httpBasic(s.firm().client().email(), "pw")))
                .andReturn().getResponse().getStatus();
        assertThat(status).isEqualTo(expected);
        assertThat(documents(s.firm())).isEqualTo(expected == 201 ? 1 : 0);
    }

    @ParameterizedTest
    @MethodSource("files")
    void shouldCheckUploadsByContentInTheUi(String name, String type, byte[] content, int expected) throws Exception {
        var s = arrange();
        int status = mvc.perform(multipart("/workflows/steps/{id}/upload", s.step())
                        .file(new MockMultipartFile("file", name, type, content)).with(csrf())
                        .with(user(users.loadUserByUsername(s.firm().client().email()))))
                .andReturn().getResponse().getStatus();
        assertThat(status).isEqualTo(expected == 201 ? 200 : expected);
        assertThat(documents(s.firm())).isEqualTo(expected == 201 ? 1 : 0);
    }

    @Test
    void shouldRefuseAFileOverTheSizeLimit() throws Exception {
        var s = arrange();
        byte[] big = new byte[20 * 1024 * 1024 + 1];
        System.arraycopy(PDF, 0, big, 0, PDF.length);
        int status = mvc.perform(multipart("/api/workflows/steps/{id}/documents", s.step())
                        .file(new MockMultipartFile("file", "big.pdf", "application/pdf", big))
                        .with(httpBasic(s.firm().client().email(), "pw")))
                .andReturn().getResponse().getStatus();
        assertThat(status).isEqualTo(413);
        status = mvc.perform(multipart("/workflows/steps/{id}/upload", s.step())
                        .file(new MockMultipartFile("file", "big.pdf", "application/pdf", big)).with(csrf())
                        .with(user(users.loadUserByUsername(s.firm().client().email()))))
                .andReturn().getResponse().getStatus();
        assertThat(status).isEqualTo(413);
        assertThat(documents(s.firm())).isZero();
    }

    @Test
    void shouldDetectKindsByTheirFirstBytes() {
        assertThat(FileContent.detect(PDF)).isEqualTo(FileContent.PDF);
        assertThat(FileContent.detect(PNG)).isEqualTo(FileContent.PNG);
        assertThat(FileContent.detect(JPEG)).isEqualTo(FileContent.JPEG);
        assertThat(FileContent.detect(GIF)).isEqualTo(FileContent.GIF);
        assertThat(FileContent.detect(DOCX)).isEqualTo(FileContent.ZIP);
        assertThat(FileContent.detect(TEXT)).isEqualTo(FileContent.TEXT);
        assertThat(FileContent.detect(EXE)).isNull();
        assertThat(FileContent.detect(ELF)).isNull();
        assertThat(FileContent.detect(HTML)).isNull();
        assertThat(FileContent.detect(SVG)).isNull();
        assertThat(FileContent.detect(new byte[] {(byte) 0xC3, 0x28})).as("invalid UTF-8").isNull();
        assertThat(FileContent.detect(new byte[0])).isNull();
        assertThat(FileContent.consistent("scan", null, PNG)).as("no extension, no type").isTrue();
    }

    record Arranged(TestFirm firm, UUID step) {
    }

    private Arranged arrange() {
        TestFirm firm = TestFirm.create(directory);
        return new Arranged(firm, workflows.documentRequest(firm));
    }

    private long documents(TestFirm firm) {
        return jdbc.queryForObject("select count(*) from documents where org_id = ?", Long.class, firm.orgId());
    }
}
