package io.matterflow.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.matterflow.common.ValidationException;

/** The password rules, as a pure unit: length in characters, BCrypt's 72 bytes, the common list, the email. */
class PasswordPolicyTests {

    private final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void shouldShipTheCommonPasswordList() {
        assertThat(policy.commonPasswords()).isGreaterThan(40_000);
    }

    @Test
    void shouldAcceptALongUncommonPassword() {
        assertThatCode(() -> policy.check("Tall-Orchid-Window-2026", "a@firm.test", "password"))
                .doesNotThrowAnyException();
        // twelve characters, counted as characters (code points), not bytes or UTF-16 units
        assertThatCode(() -> policy.check("ß🎉çñøå¥€µ∂ƒ©", "a@firm.test", "password")).doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseEachBrokenRuleNamingTheField() {
        assertRefused("eleven char", "newPassword", "at least 12");
        assertRefused(null, "password", "at least 12");
        assertRefused("🎉".repeat(19), "password", "at most 72 bytes");
        assertRefused("password1234", "password", "most common");
        assertRefused("QWERTYUIOP123", "password", "most common");
        assertRefused("1q2w3e4r5t6y", "password", "most common");
        assertRefused(" Owner@Firm.Test ", "password", "email");
    }

    private void assertRefused(String password, String field, String message) {
        assertThatThrownBy(() -> policy.check(password, "owner@firm.test", field))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.errors()).hasSize(1);
                    assertThat(e.errors().get(0).field()).isEqualTo(field);
                    assertThat(e.errors().get(0).message()).contains(message);
                });
    }
}
