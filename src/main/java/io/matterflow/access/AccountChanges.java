package io.matterflow.access;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.matterflow.directory.Actor;
import io.matterflow.directory.Directory;
import io.matterflow.directory.UserDeactivated;
import io.matterflow.directory.UserReactivated;
import io.matterflow.directory.UserRoleChanged;

/**
 * What a change of a person's account means for signing in and eligibility, in the change's transaction (the
 * directory publishes its events there). Deactivated: every API token revoked (audited, by the admin), every
 * session ended, cached eligibility dropped. Role changed: sessions ended (they hold the old role; API tokens and
 * HTTP Basic read the role on every request), eligibility dropped. Reactivated: eligibility dropped; tokens stay
 * revoked, and they sign in anew.
 */
@Component
class AccountChanges {

    private final ApiTokens tokens;
    private final Sessions sessions;
    private final StepAccess access;
    private final Directory directory;

    AccountChanges(ApiTokens tokens, Sessions sessions, StepAccess access, Directory directory) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.access = access;
        this.directory = directory;
    }

    @EventListener
    void on(UserDeactivated event) {
        Actor admin = directory.findUser(event.byUserId()).map(Actor::user)
                .orElseGet(() -> Actor.system(event.orgId()));
        tokens.revokeAllOf(admin, event.orgId(), event.userId(), "user deactivated");
        access.invalidateAll();
        sessions.endAll(event.userId());
    }

    @EventListener
    void on(UserRoleChanged event) {
        access.invalidateAll();
        sessions.endAll(event.userId());
    }

    @EventListener
    void on(UserReactivated event) {
        access.invalidateAll();
    }
}
