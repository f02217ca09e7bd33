package io.matterflow.access;

import java.util.UUID;

import org.springframework.security.core.session.SessionInformation;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.security.SpringSessionBackedSessionRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The signed-in web sessions of each person, in the database (Spring Session JDBC, indexed by user id: see
 * {@link SessionsConfiguration}), so the same on every node. Ending a person's sessions marks each expired in the
 * database: its next request, on whichever node, is signed out and sent to {@code /login?ended} before it reaches any
 * page. Ended at once and again once the current transaction commits, so that a session signed in meanwhile does not
 * survive.
 */
@Component
public class Sessions {

    private final FindByIndexNameSessionRepository<? extends Session> repository;
    private final SpringSessionBackedSessionRegistry<? extends Session> registry;

    Sessions(FindByIndexNameSessionRepository<? extends Session> repository,
             SpringSessionBackedSessionRegistry<? extends Session> registry) {
        this.repository = repository;
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

    /** How many unexpired sessions the person has, on any node. */
    public int count(UUID userId) {
        int sessions = 0;
        for (String id : repository.findByPrincipalName(userId.toString()).keySet()) {
            SessionInformation session = registry.getSessionInformation(id);
            if (session != null && !session.isExpired()) {
                sessions++;
            }
        }
        return sessions;
    }

    private void end(UUID userId, String keepSessionId) {
        for (String id : repository.findByPrincipalName(userId.toString()).keySet()) {
            if (!id.equals(keepSessionId)) {
                SessionInformation session = registry.getSessionInformation(id);
                if (session != null) {
                    session.expireNow();
                }
            }
        }
    }
}
