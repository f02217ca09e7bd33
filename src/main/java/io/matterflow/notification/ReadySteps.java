package io.matterflow.notification;

import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.matterflow.access.StepAccess;
import io.matterflow.access.StepRef;
import io.matterflow.directory.Directory;
import io.matterflow.directory.MatterDetails;
import io.matterflow.instance.StepBecameReady;

/** What every READY notification needs to know: who is told, the matter, and where the step is in the UI. */
@Component
class ReadySteps {

    private final StepAccess access;
    private final Directory directory;

    ReadySteps(StepAccess access, Directory directory) {
        this.access = access;
        this.directory = directory;
    }

    /** The step's assignee or, when it has none, each user who may perform it. */
    Set<UUID> recipients(StepBecameReady event) {
        return event.assignedToId() != null ? Set.of(event.assignedToId())
                : access.resolveEligibleActors(event.instanceId(), new StepRef(event.stepId(), event.instanceId(),
                event.matterId(), event.orgId(), event.roleScope(), null));
    }

    /** The matter's reference and title, or "" when it is gone. */
    String matter(StepBecameReady event) {
        return matter(event.orgId(), event.matterId());
    }

    String matter(UUID orgId, UUID matterId) {
        return directory.findMatter(orgId, matterId).map(ReadySteps::label).orElse("");
    }

    /** The matter's owner, unless the matter is gone. */
    java.util.Optional<UUID> owner(UUID orgId, UUID matterId) {
        return directory.findMatter(orgId, matterId).map(MatterDetails::ownerId);
    }

    /** The step in the run view, as a path of the web UI. */
    static String path(StepBecameReady event) {
        return path(event.matterId(), event.instanceId(), event.stepId());
    }

    static String path(UUID matterId, UUID instanceId, UUID stepId) {
        return "/matters/" + matterId + "/workflows/" + instanceId + "#step-" + stepId;
    }

    static String label(MatterDetails matter) {
        return matter.reference() + " " + matter.title();
    }
}
