package io.matterflow.action;

/** Which people may perform a step; resolved against the matter by the access module. */
public enum RoleScope {
    ADMIN("Admin"), LAWYER("Lawyer"), PARALEGAL("Paralegal"), CLIENT("Client");

    private final String label;

    RoleScope(String label) {
        this.label = label;
    }

    /** The word people read in the UI; the API keeps the name. */
    public String label() {
        return label;
    }
}
