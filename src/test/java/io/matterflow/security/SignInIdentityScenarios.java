package io.matterflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import io.matterflow.access.LoginThrottle;
import io.matterflow.common.ConflictException;
import io.matterflow.demo.DemoData;
import io.matterflow.directory.Directory;
import io.matterflow.directory.Role;
import io.matterflow.directory.UserAccount;

/**
 * One account, one identity, one failure counter, however its email is spelled (penetration test, issue 16, finding
 * 1). The lookup used to match SQL {@code upper()} of the stored email, which folds letters the throttle's
 * lower-cased key keeps apart (dotless ı, long s ſ), so each such letter bought five more guesses. Now a spelling
 * either is the account's email once normalized (NFKC, lower case, trimmed) — and then shares its counter — or reaches
 * no account at all. Run on H2 and PostgreSQL by the subclasses, whose {@code upper()} fold differently.
 */
abstract class SignInIdentityScenarios {

    static final String DOTLESS_I_CLIENT = "cl\u0131ent@demo.law";

    @Autowired
    MockMvc mvc;
    @Autowired
    Directory directory;
    @Autowired
    LoginThrottle throttle;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    ObjectProvider<JavaMigration> javaMigrations;

    /** The demo client is shared by every test of the context: no lock may outlive the test that caused it. */
    @AfterEach
    void unlockTheDemoClient() {
        throttle.succeeded(DemoData.CLIENT);
        throttle.succeeded(DOTLESS_I_CLIENT);
    }

    // ------------------------------------------------------------------------------ the penetration test's requests

    @Test
    void shouldKeepTheLockWhenTheEmailIsSpelledWithADotlessIOverHttpBasic() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(basic(DemoData.CLIENT, "wrong").getStatus()).isEqualTo(401);
        }
        // curl -u 'clıent@demo.law:demo' /api/me
        assertThat(basic(DOTLESS_I_CLIENT, DemoData.PASSWORD).getStatus()).as("the look-alike spelling")
                .isIn(401, 429);
        assertThat(basic(DemoData.CLIENT, DemoData.PASSWORD).getStatus()).as("the account is still locked")
                .isEqualTo(429);
    }

    @Test
    void shouldKeepTheLockWhenTheEmailIsSpelledWithADotlessIInTheForm() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(form(DemoData.CLIENT, "wrong")).isEqualTo("/login?error");
        }
        assertThat(form(DOTLESS_I_CLIENT, DemoData.PASSWORD)).as("the look-alike spelling")
                .isIn("/login?error", "/login?locked");
        assertThat(form(DemoData.CLIENT, DemoData.PASSWORD)).isEqualTo("/login?locked");
    }

    // ------------------------------------------------------------------------------------------------- every spelling

    /** Spellings of an email that contains k, i and s; {@code sameAccount}: the spelling names the same account. */
    enum Spelling {
        UPPER_CASE(true, e -> e.toUpperCase(Locale.ROOT)),
        KELVIN_SIGN(true, e -> e.replace('k', '\u212A')),
        LONG_S(true, e -> e.replace('s', '\u017F')),
        SURROUNDING_SPACES(true, e -> "  " + e + " \t"),
        FULLWIDTH(true, SignInIdentityScenarios::fullwidth),
        FULLWIDTH_UPPER_CASE_AND_LONG_S(true, e -> fullwidth(e.toUpperCase(Locale.ROOT).replace('S', '\u017F'))),
        DOTLESS_I(false, e -> e.replace('i', '\u0131')),
        DOTTED_CAPITAL_I(false, e -> e.replace('i', '\u0130')),
        CYRILLIC_I(false, e -> e.replace('i', '\u0456'));

        final boolean sameAccount;
        final UnaryOperator<String> spell;

        Spelling(boolean sameAccount, UnaryOperator<String> spell) {
            this.sameAccount = sameAccount;
            this.spell = spell;
        }
    }

    @ParameterizedTest
    @EnumSource(Spelling.class)
    void shouldSignInAsTheSameUserOrNobody(Spelling spelling) throws Exception {
        UserAccount user = kris();
        String email = spelling.spell.apply(user.email());
        MockHttpServletResponse response = basic(email, "pw");
        if (spelling.sameAccount) {
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat((String) JsonPath.read(response.getContentAsString(), "$.id")).isEqualTo(user.id().toString());
            assertThat((String) JsonPath.read(response.getContentAsString(), "$.email")).isEqualTo(user.email());
            assertThat(form(email, "pw")).isEqualTo("/inbox");
        } else {
            assertThat(response.getStatus()).isEqualTo(401);
            assertThat(form(email, "pw")).isEqualTo("/login?error");
        }
    }

    @ParameterizedTest
    @EnumSource(Spelling.class)
    void shouldNotLetAnotherSpellingPastTheLock(Spelling spelling) throws Exception {
        UserAccount user = kris();
        String email = spelling.spell.apply(user.email());
        for (int i = 0; i < 5; i++) {
            assertThat(basic(user.email(), "wrong").getStatus()).isEqualTo(401);
        }
        assertThat(basic(email, "pw").getStatus()).isEqualTo(spelling.sameAccount ? 429 : 401);
        assertThat(form(email, "pw")).isEqualTo(spelling.sameAccount ? "/login?locked" : "/login?error");
    }

    @ParameterizedTest
    @EnumSource(Spelling.class)
    void shouldCountFailuresUnderAnotherSpellingAgainstTheAccount(Spelling spelling) throws Exception {
        UserAccount user = kris();
        String email = spelling.spell.apply(user.email());
        for (int i = 0; i < 5; i++) {
            assertThat(form(email, "wrong")).isEqualTo("/login?error");
        }
        assertThat(basic(user.email(), "pw").getStatus()).isEqualTo(spelling.sameAccount ? 429 : 200);
    }

    @Test
    void shouldSpreadGuessesOverSeveralSpellingsWithoutGainingAny() throws Exception {
        UserAccount user = kris();
        for (Spelling spelling : List.of(Spelling.UPPER_CASE, Spelling.KELVIN_SIGN, Spelling.LONG_S,
                Spelling.SURROUNDING_SPACES, Spelling.FULLWIDTH)) {
            basic(spelling.spell.apply(user.email()), "wrong");
        }
        for (Spelling spelling : Spelling.values()) {
            assertThat(basic(spelling.spell.apply(user.email()), "pw").getStatus()).as(spelling.name())
                    .isNotEqualTo(200);
        }
    }

    // --------------------------------------------------------------------------------------------- the stored emails

    @Test
    void shouldStoreTheCanonicalEmailAndRefuseASecondSpellingOfIt() {
        String tag = tag();
        UUID org = directory.createOrganization("Firm " + tag);
        UserAccount user = directory.createUser(org, "  \uFF2B\u017Fi-" + tag.toUpperCase(Locale.ROOT)
                + "@Firm.TEST ", "K " + tag, Role.LAWYER, "pw");
        assertThat(user.email()).isEqualTo("ksi-" + tag + "@firm.test");
        assertThat(jdbc.queryForObject("select email from users where id = ?", String.class, user.id()))
                .isEqualTo("ksi-" + tag + "@firm.test");
        assertThatThrownBy(() -> directory.createUser(org, "\u212Asi-" + tag + "@firm.test", "Other", Role.LAWYER,
                "pw")).isInstanceOf(ConflictException.class);
        assertThat(directory.findUserByEmail("KSI-" + tag + "@FIRM.TEST")).map(UserAccount::id).contains(user.id());
        assertThat(directory.findUserByEmail("ks\u0131-" + tag + "@firm.test")).isEmpty();
    }

    @Test
    void shouldNormalizeStoredEmailsInTheMigration() throws Exception {
        JavaMigration migration = javaMigrations.orderedStream()
                .filter(m -> MigrationVersion.fromVersion("9.1").equals(m.getVersion())).findFirst().orElseThrow();
        String tag = tag();
        UUID org = directory.createOrganization("Firm " + tag);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                UUID mixed = insertUser(connection, org, "  \uFF2Dixed-" + tag.toUpperCase(Locale.ROOT)
                        + "@Firm.\u212AEST\t");
                UUID plain = insertUser(connection, org, "plain-" + tag + "@firm.test");
                migration.migrate(context(connection));
                assertThat(email(connection, mixed)).isEqualTo("mixed-" + tag + "@firm.kest");
                assertThat(email(connection, plain)).isEqualTo("plain-" + tag + "@firm.test");

                insertUser(connection, org, "\u017Fame-" + tag + "@firm.test");
                insertUser(connection, org, "SAME-" + tag + "@firm.test");
                assertThatThrownBy(() -> migration.migrate(context(connection)))
                        .hasMessageContaining("same-" + tag + "@firm.test");
            } finally {
                connection.rollback();
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------ helpers

    /** A user whose email has the letters that fold in surprising ways: k, i and s. */
    UserAccount kris() {
        String tag = tag();
        UUID org = directory.createOrganization("Firm " + tag);
        return directory.createUser(org, "kris-" + tag + "@firm.test", "Kris " + tag, Role.LAWYER, "pw");
    }

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static String fullwidth(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(c > 0x20 && c < 0x7F ? (char) (c + 0xFEE0) : (char) c));
        return out.toString();
    }

    String form(String email, String password) throws Exception {
        return mvc.perform(post("/login").param("username", email).param("password", password).with(csrf()))
                .andReturn().getResponse().getRedirectedUrl();
    }

    /** What curl -u sends: the UTF-8 bytes of email:password, in base64. */
    MockHttpServletResponse basic(String email, String password) throws Exception {
        String credentials = Base64.getEncoder().encodeToString((email + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        return mvc.perform(get("/api/me").header(HttpHeaders.AUTHORIZATION, "Basic " + credentials))
                .andReturn().getResponse();
    }

    static UUID insertUser(Connection connection, UUID org, String email) throws Exception {
        UUID id = UUID.randomUUID();
        try (var insert = connection.prepareStatement("insert into users (id, org_id, email, display_name, role,"
                + " password_hash, created_at) values (?, ?, ?, 'Migrated', 'LAWYER', 'x', ?)")) {
            insert.setObject(1, id);
            insert.setObject(2, org);
            insert.setString(3, email);
            insert.setObject(4, java.sql.Timestamp.from(Instant.now()));
            insert.executeUpdate();
        }
        return id;
    }

    static String email(Connection connection, UUID id) throws Exception {
        try (var select = connection.prepareStatement("select email from users where id = ?")) {
            select.setObject(1, id);
            try (var rs = select.executeQuery()) {
                List<String> found = new ArrayList<>();
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
                return found.get(0);
            }
        }
    }

    static Context context(Connection connection) {
        return new Context() {
            @Override
            public Configuration getConfiguration() {
                return null;
            }

            @Override
            public Connection getConnection() {
                return connection;
            }
        };
    }
}
