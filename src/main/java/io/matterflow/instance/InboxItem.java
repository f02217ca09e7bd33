package io.matterflow.instance;

import java.util.UUID;

/** A step waiting for the user, with the instance and matter it belongs to. */
public record InboxItem(StepDetails step, UUID instanceId, String instanceTitle, UUID matterId, String matterReference,
                        String matterTitle) {
}
