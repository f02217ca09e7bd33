package io.matterflow.people;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.matterflow.common.ValidationException;
import io.matterflow.directory.Emails;

/**
 * What a password must be, wherever one is chosen (an invitation, a reset, a change, the first admin): at least
 * {@value #MIN_LENGTH} characters, at most {@value #MAX_BYTES} bytes in UTF-8 (BCrypt reads no further), not a common
 * password (a list of about 44,000 from leaked-password collections, compared case-insensitively) and not the
 * account's email. A refusal is a 400 naming the field.
 */
@Component
public class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_BYTES = 72;
    static final String RESOURCE = "/io/matterflow/people/common-passwords.txt";
    public static final List<String> RULES = List.of("at least " + MIN_LENGTH + " characters",
            "at most " + MAX_BYTES + " bytes (72 plain letters, fewer with accents or symbols)",
            "not a common password", "not your email address");

    private final Set<String> common;

    PasswordPolicy() {
        this.common = load();
    }

    /** Refuses a password that breaks a rule, naming {@code field}. */
    void check(String password, String email, String field) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw ValidationException.of("Invalid password", field, "must have at least " + MIN_LENGTH
                    + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw ValidationException.of("Invalid password", field, "must have at most " + MAX_BYTES
                    + " bytes in UTF-8");
        }
        String folded = password.toLowerCase(Locale.ROOT);
        if (common.contains(folded) || common.contains(folded.strip())) {
            throw ValidationException.of("Invalid password", field,
                    "is one of the most common passwords; choose another");
        }
        if (email != null && Emails.canonical(password).equals(Emails.canonical(email))) {
            throw ValidationException.of("Invalid password", field, "must not be your email address");
        }
    }

    int commonPasswords() {
        return common.size();
    }

    private static Set<String> load() {
        Set<String> passwords = new HashSet<>(65_536);
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the common-password list " + RESOURCE + " is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    passwords.add(line.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
        return Set.copyOf(passwords);
    }
}
