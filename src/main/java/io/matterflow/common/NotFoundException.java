package io.matterflow.common;

import java.util.UUID;

/** The thing does not exist, or belongs to another organization: both look the same from outside. */
public class NotFoundException extends MatterflowException {

    private final String entityType;

    public NotFoundException(String entityType, UUID id) {
        this(entityType, String.valueOf(id));
    }

    /** For things named by an external id, such as a provider's signing session. */
    public NotFoundException(String entityType, String id) {
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
