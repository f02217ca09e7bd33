package io.matterflow.directory;

/** A user's role in their organization, and a member's role on a matter. */
public enum Role {
    ADMIN("Admin"), LAWYER("Lawyer"), PARALEGAL("Paralegal"), CLIENT("Client");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    /** The word people read in the UI; the API keeps the name. */
    public String label() {
        return label;
    }
}
