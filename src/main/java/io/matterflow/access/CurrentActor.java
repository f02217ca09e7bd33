package io.matterflow.access;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import io.matterflow.directory.Actor;

/** The actor of the current request, from the security context. */
public final class CurrentActor {

    private CurrentActor() {
    }

    public static Optional<Actor> get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof MatterflowPrincipal principal) {
            return Optional.of(principal.actor());
        }
        return Optional.empty();
    }
}
