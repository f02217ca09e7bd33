package io.matterflow.instance;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.matterflow.action.ActionType;

/**
 * Steps' due dates as other modules read them: a reminder's or escalation's step, whom to remind, a user's open
 * steps for their calendar feed, the overdue count for metrics.
 */
@Service
@Transactional(readOnly = true)
public class Deadlines {

    /** The step with its due date, in any organization (a timer names the step only); empty when it is gone. */
    public Optional<DueStep> step(UUID stepId) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Whom a reminder about the step goes to: its assignee, or else each active eligible performer. */
    public List<UUID> recipients(DueStep step) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Open steps of ACTIVE instances whose due date is before {@code now}, counted by action type, every organization. */
    public Map<ActionType, Long> overdueByType(Instant now) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The user's open inbox steps (assigned to them or theirs to pick up) that have a due date, soonest first. */
    public List<DueStep> openFor(UUID orgId, UUID userId) {
        throw new UnsupportedOperationException("not yet");
    }
}
