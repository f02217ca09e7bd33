package io.matterflow.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The canonical form of an email: what folds together, what stays apart, and that it is stable. */
class EmailsTests {

    @Test
    void shouldFoldCaseWidthCompatibilityLettersAndSurroundingSpace() {
        assertThat(Emails.canonical("Client@Demo.LAW")).isEqualTo("client@demo.law");
        assertThat(Emails.canonical(" \t client@demo.law\u3000")).isEqualTo("client@demo.law");
        assertThat(Emails.canonical("\uFF43\uFF4C\uFF49\uFF45\uFF4E\uFF54\uFF20demo.law")).isEqualTo("client@demo.law");
        assertThat(Emails.canonical("\u212Aate@demo.law")).as("Kelvin sign").isEqualTo("kate@demo.law");
        assertThat(Emails.canonical("\u017Fam@demo.law")).as("long s").isEqualTo("sam@demo.law");
        assertThat(Emails.canonical(null)).isEmpty();
    }

    @Test
    void shouldKeepLookAlikesThatAreOtherLettersApart() {
        assertThat(Emails.canonical("cl\u0131ent@demo.law")).as("dotless i").isNotEqualTo("client@demo.law");
        assertThat(Emails.canonical("cl\u0130ent@demo.law")).as("dotted capital I").isNotEqualTo("client@demo.law");
        assertThat(Emails.canonical("cl\u0456ent@demo.law")).as("Cyrillic i").isNotEqualTo("client@demo.law");
    }

    @Test
    void shouldBeItsOwnCanonicalFormForEveryCodePoint() {
        List<String> unstable = new ArrayList<>();
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            if (Character.getType(c) == Character.SURROGATE || !Character.isDefined(c)) {
                continue;
            }
            String once = Emails.canonical("a" + Character.toString(c) + "b");
            if (!Emails.canonical(once).equals(once)) {
                unstable.add(Integer.toHexString(c));
            }
        }
        assertThat(unstable).isEmpty();
    }
}
