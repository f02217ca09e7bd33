package io.matterflow.common;

import java.util.UUID;

/** The thing does not exist, or belongs to another organization: both look the same from outside. */
public class NotFoundException extends MatterflowException {

    private final String entityType;

    public NotFoundException(String entityType, UUID id) {
        this(entityType, String.valueOf(id));
    }

    /** For things named by a key rather than an id: a feature flag's name, a provider's signing session. */
    public NotFoundException(String entityType, String key) {
        super(entityType + " " + key + " was not found");
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
