package io.matterflow.action;

/** Which people may perform a step; resolved against the matter by the access module. */
public enum RoleScope {
    ADMIN, LAWYER, PARALEGAL, CLIENT
}
