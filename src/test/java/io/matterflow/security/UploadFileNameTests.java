package io.matterflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

import io.matterflow.audit.AuditLog;
import io.matterflow.directory.Directory;
import io.matterflow.support.H2Test;
import io.matterflow.support.TestFirm;
import io.matterflow.support.Workflows;

/**
 * An uploaded file's name is kept without the characters that hide or disguise it: Unicode controls (Cc), format
 * characters (Cf: the right-to-left override U+202E, bidirectional isolates and marks, zero-width characters, the
 * byte-order mark) and line separators are removed, path separators become "_". A name left empty (or a bare
 * extension) falls back to "document"; a blank name, or one with NUL, is refused (400). The cleaned name is what the
 * answer, the document list, the database and the audit trail show, through the API and the UI.
 */
@H2Test
@AutoConfigureMockMvc
class UploadFileNameTests {

    static final byte[] PDF = UploadContentTests.PDF;

    @Autowired
    MockMvc mvc;
    @Autowired
    Directory directory;
    @Autowired
    UserDetailsService users;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AuditLog audit;
    @Autowired
    Workflows workflows;

    static Stream<Arguments> names() {
        return Stream.of(
                Arguments.argumentSet("right-to-left override", "invoice\u202Etxt.pdf", "invoicetxt.pdf"),
                Arguments.argumentSet("override hiding an extension", "pass\u202Eport.pdf", "passport.pdf"),
                Arguments.argumentSet("bidi isolates and marks", "\u2066pass\u200Fport\u2069.pdf\u200E", "passport.pdf"),
                Arguments.argumentSet("zero-width and byte-order mark", "\uFEFFpass\u200Bport\u200D.pdf", "passport.pdf"),
                Arguments.argumentSet("escape sequence and bell", "scan\u001B[31m\u0007.pdf", "scan[31m.pdf"),
                Arguments.argumentSet("line breaks and separators", "line\r\nbreak\u2028.pdf", "linebreak.pdf"),
                Arguments.argumentSet("tab and DEL", "a\tb\u007F.pdf", "ab.pdf"),
                Arguments.argumentSet("path separators", "../../etc/passwd.pdf", ".._.._etc_passwd.pdf"),
                Arguments.argumentSet("nothing but an override", "\u202E", "document"),
                Arguments.argumentSet("a bare extension left", "\u202E\u200B.pdf", "document.pdf"),
                Arguments.argumentSet("letters of other scripts stay", "Überweisung – März 2026.pdf",
                        "Überweisung – März 2026.pdf"),
                Arguments.argumentSet("right-to-left letters stay", "جواز سفر.pdf", "جواز سفر.pdf"));
    }

    @ParameterizedTest
    @MethodSource("names")
    void shouldKeepTheNameWithoutHiddenCharactersOverTheApi(String sent, String kept) throws Exception {
        var s = arrange();
        mvc.perform(multipart("/api/workflows/steps/{id}/documents", s.step())
                        .file(new MockMultipartFile("file", sent, "application/pdf", PDF))
                        .with(httpBasic(s.firm().client().email(), "pw")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.name").value(kept));
        assertThat(jdbc.queryForList("select name from documents where step_id = ?", String.class, s.step()))
                .containsExactly(kept);
        assertThat(audit.history(s.firm().orgId(), s.step())).filteredOn(e -> e.action().equals("step.document-upload"))
                .extracting(e -> e.metadata().get("name")).containsExactly(kept);
    }

    @Test
    void shouldKeepTheNameWithoutHiddenCharactersInTheUi() throws Exception {
        var s = arrange();
        mvc.perform(multipart("/workflows/steps/{id}/upload", s.step())
                        .file(new MockMultipartFile("file", "pass\u202Eport.pdf", "application/pdf", PDF)).with(csrf())
                        .with(user(users.loadUserByUsername(s.firm().client().email()))))
                .andExpect(status().isOk());
        assertThat(jdbc.queryForList("select name from documents where step_id = ?", String.class, s.step()))
                .containsExactly("passport.pdf");
    }

    @Test
    void shouldRefuseABlankNameOrOneWithNul() throws Exception {
        var s = arrange();
        for (String name : List.of("   ", "pass\u0000port.pdf", "\u0000")) {
            mvc.perform(multipart("/api/workflows/steps/{id}/documents", s.step())
                            .file(new MockMultipartFile("file", name, "application/pdf", PDF))
                            .with(httpBasic(s.firm().client().email(), "pw")))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.errors[0].field").value("file"));
        }
        assertThat(jdbc.queryForObject("select count(*) from documents where step_id = ?", Long.class, s.step()))
                .isZero();
    }

    record Arranged(TestFirm firm, UUID step) {
    }

    private Arranged arrange() {
        TestFirm firm = TestFirm.create(directory);
        return new Arranged(firm, workflows.documentRequest(firm));
    }
}
