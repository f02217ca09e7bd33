package io.matterflow.directory;

/** A user's role in their organization, and a member's role on a matter. */
public enum Role {
    ADMIN, LAWYER, PARALEGAL, CLIENT
}
