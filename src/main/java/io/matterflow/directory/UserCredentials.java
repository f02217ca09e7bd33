package io.matterflow.directory;

/** A user with their stored BCrypt hash: for the access module's sign-in only, never shown or logged. */
public record UserCredentials(UserAccount account, String passwordHash) {

    @Override
    public String toString() {
        return "UserCredentials[account=" + account + ", passwordHash=(hidden)]";
    }
}
