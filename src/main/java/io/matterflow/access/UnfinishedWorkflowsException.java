package io.matterflow.access;

import java.util.List;
import java.util.Map;

import io.matterflow.common.ConflictException;

/** Closing a matter whose workflows have not all ended, without asking to cancel them: 409 listing them. */
public class UnfinishedWorkflowsException extends ConflictException {

    private final List<MatterWorkflows.UnfinishedWorkflow> workflows;

    UnfinishedWorkflowsException(List<MatterWorkflows.UnfinishedWorkflow> workflows) {
        super("Unfinished workflows", "the matter has " + workflows.size() + " unfinished workflow"
                + (workflows.size() == 1 ? "" : "s") + " (DRAFT, ACTIVE or PAUSED); cancel "
                + (workflows.size() == 1 ? "it" : "them") + " first, or close the matter with"
                + " cancelActiveWorkflows: true to cancel " + (workflows.size() == 1 ? "it" : "them") + " with it",
                Map.of("workflows", workflows.stream().map(w -> Map.of("id", w.id().toString(), "title", w.title(),
                        "status", w.status())).toList()));
        this.workflows = List.copyOf(workflows);
    }

    public List<MatterWorkflows.UnfinishedWorkflow> workflows() {
        return workflows;
    }
}
