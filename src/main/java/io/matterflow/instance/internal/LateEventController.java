package io.matterflow.instance.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.matterflow.directory.Actor;
import io.matterflow.instance.LateProviderEvent;
import io.matterflow.instance.LateProviderEvents;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The provider events recorded for an instance's steps after those steps had moved on. */
@RestController
@Tag(name = "Instances")
class LateEventController {

    private final LateProviderEvents lateEvents;

    LateEventController(LateProviderEvents lateEvents) {
        this.lateEvents = lateEvents;
    }

    @GetMapping("/api/workflows/instances/{id}/late-events")
    @Operation(operationId = "instanceLateEvents", summary = "Provider events that came after their step moved on")
    List<LateProviderEvent> lateEvents(Actor actor, @PathVariable UUID id) {
        return lateEvents.forInstance(actor, id);
    }
}
