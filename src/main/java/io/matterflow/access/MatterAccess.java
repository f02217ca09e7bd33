package io.matterflow.access;

import java.util.UUID;

import org.springframework.stereotype.Component;

import io.matterflow.common.ForbiddenException;
import io.matterflow.common.NotFoundException;
import io.matterflow.directory.Actor;
import io.matterflow.directory.MatterDetails;
import io.matterflow.directory.Role;

/**
 * Matter-level permissions: reading a matter's workflows, instantiating on it, editing its instances, managing the
 * matter itself. Whoever may not read a matter is told nothing about it: what is in it is not found
 * ({@link #requireVisible}); 403 is for readers who may not do something.
 */
@Component
public class MatterAccess {

    /** Admins of the organization and the matter's owner, client and members. */
    public boolean canRead(MatterDetails matter, Actor actor) {
        return actor.isUser() && actor.orgId().equals(matter.orgId())
                && (actor.role() == Role.ADMIN || matter.involves(actor.userId()));
    }

    /** Admins, the matter's owner and its assigned lawyers. */
    public boolean canInstantiate(MatterDetails matter, Actor actor) {
        return canEdit(matter, actor) || (actor.isUser() && actor.role() == Role.LAWYER
                && matter.members().stream().anyMatch(m -> m.userId().equals(actor.userId()) && m.role() == Role.LAWYER));
    }

    /** Admins and the matter's owner: rename, pause, resume, cancel, add, edit, remove and reorder steps. */
    public boolean canEdit(MatterDetails matter, Actor actor) {
        return actor.isUser() && actor.orgId().equals(matter.orgId())
                && (actor.role() == Role.ADMIN || matter.isOwner(actor.userId()));
    }

    /** Admins and the matter's owner: its reference, title, owner, client, status and team. */
    public boolean canManage(MatterDetails matter, Actor actor) {
        return canEdit(matter, actor);
    }

    /**
     * Refuses a caller who may not read the matter exactly as if the thing asked for did not exist: a 404 naming that
     * thing ({@code entityType} and the id the caller sent), never the matter. A 403 would tell a lawyer of the firm
     * that a matter they are not on exists, and name it. Call it before any other check on the matter or what is in
     * it, so that no later answer (403, 409) tells it either.
     */
    public void requireVisible(MatterDetails matter, Actor actor, String entityType, UUID id) {
        if (!canRead(matter, actor)) {
            throw new NotFoundException(entityType, id);
        }
    }

    public void requireInstantiate(MatterDetails matter, Actor actor) {
        if (!canInstantiate(matter, actor)) {
            throw new ForbiddenException("only admins, the matter's owner and its lawyers may start workflows on it");
        }
    }

    public void requireManage(MatterDetails matter, Actor actor) {
        if (!canManage(matter, actor)) {
            throw new ForbiddenException("only admins and the matter's owner may change the matter and its team");
        }
    }

    public void requireEdit(MatterDetails matter, Actor actor) {
        if (!canEdit(matter, actor)) {
            throw new ForbiddenException("only admins and the matter's owner may edit its workflows");
        }
    }
}
