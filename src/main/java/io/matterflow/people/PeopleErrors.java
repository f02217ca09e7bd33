package io.matterflow.people;

import io.matterflow.common.ValidationException;

final class PeopleErrors {

    private PeopleErrors() {
    }

    /** The same answer for every reason a link cannot be used, so that it tells nothing about the account. */
    static ValidationException unusableLink() {
        return ValidationException.of("Invalid link", "token",
                "this link is unknown, used, expired or no longer valid; ask for a new one");
    }
}
