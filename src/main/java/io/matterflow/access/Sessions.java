package io.matterflow.access;

import java.util.UUID;

import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The signed-in web sessions of each person, through Spring Security's {@link SessionRegistry} (the UI chain
 * registers every session at sign-in). Ending a person's sessions marks them expired: the next request of each is
 * signed out and sent to the login page, before it reaches any page. Ended at once and again once the current
 * transaction commits, so that a session signed in meanwhile does not survive. Sessions live in this node's memory:
 * with several nodes behind sticky sessions, each ends only its own (see docs/decisions.md).
 */
@Component
public class Sessions {

    private final SessionRegistry registry;

    Sessions(SessionRegistry registry) {
        this.registry = registry;
    }

    /** Ends every session of the person. */
    public void endAll(UUID userId) {
        endAllExcept(userId, null);
    }

    /** Ends every session of the person but {@code keepSessionId} (the one that made the change), if given. */
    public void endAllExcept(UUID userId, String keepSessionId) {
        end(userId, keepSessionId);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    end(userId, keepSessionId);
                }
            });
        }
    }

    /** How many unexpired sessions the person has on this node. */
    public int count(UUID userId) {
        int sessions = 0;
        for (Object principal : registry.getAllPrincipals()) {
            if (principal instanceof MatterflowPrincipal p && p.account().id().equals(userId)) {
                sessions += registry.getAllSessions(principal, false).size();
            }
        }
        return sessions;
    }

    private void end(UUID userId, String keepSessionId) {
        for (Object principal : registry.getAllPrincipals()) {
            if (principal instanceof MatterflowPrincipal p && p.account().id().equals(userId)) {
                for (SessionInformation session : registry.getAllSessions(principal, false)) {
                    if (!session.getSessionId().equals(keepSessionId)) {
                        session.expireNow();
                    }
                }
            }
        }
    }
}
