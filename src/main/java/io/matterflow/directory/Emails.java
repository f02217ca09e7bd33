package io.matterflow.directory;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The one spelling of an email that identifies a user: Unicode NFKC, lower case (Locale.ROOT, whatever the JVM's
 * locale), surrounding white space removed. Users are stored and looked up by this form with plain equality, and the
 * sign-in throttle counts failures by it, so every spelling that reaches an account shares that account's counter.
 * Letters NFKC folds (fullwidth Ｋ, the Kelvin sign K, the long s ſ) reach the account they look like; letters it
 * keeps apart (the dotless ı, the dotted İ, Cyrillic і) reach no account at all. SQL {@code upper()} is not used:
 * it folds ı and ſ into I and S, and differently on H2 and PostgreSQL.
 */
public final class Emails {

    /** The longest email stored ({@code users.email}); a longer one, once canonical, belongs to nobody. */
    public static final int MAX_LENGTH = 254;

    private Emails() {
    }

    /** The canonical form of {@code email}; "" for null. The result is its own canonical form. */
    public static String canonical(String email) {
        if (email == null) {
            return "";
        }
        String folded = Normalizer.normalize(email, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        // lower-casing can leave a string that is not NFKC (İ becomes i and a combining dot): normalize again, so
        // that the result is stable when canonicalized a second time
        return Normalizer.normalize(folded, Normalizer.Form.NFKC).strip();
    }
}
