package io.matterflow.common;

import java.util.UUID;

/** The thing does not exist, or belongs to another organization: both look the same from outside. */
public class NotFoundException extends MatterflowException {

    private final String entityType;

    public NotFoundException(String entityType, UUID id) {
        super(entityType + " " + id + " was not found");
        this.entityType = entityType;
    }

    public String entityType() {
        return entityType;
    }

    @Override
    public String title() {
        return entityType + " not found";
    }
}
