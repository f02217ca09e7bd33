package io.matterflow.access;

import org.springframework.stereotype.Component;

import io.matterflow.common.ForbiddenException;
import io.matterflow.directory.Actor;
import io.matterflow.directory.MatterDetails;
import io.matterflow.directory.Role;

/** Matter-level permissions: reading a matter's workflows, instantiating on it, editing its instances. */
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

    public void requireRead(MatterDetails matter, Actor actor) {
        if (!canRead(matter, actor)) {
            throw new ForbiddenException("you are not a member of matter " + matter.reference());
        }
    }

    public void requireInstantiate(MatterDetails matter, Actor actor) {
        if (!canInstantiate(matter, actor)) {
            throw new ForbiddenException("only admins, the matter's owner and its lawyers may start workflows on it");
        }
    }

    public void requireEdit(MatterDetails matter, Actor actor) {
        if (!canEdit(matter, actor)) {
            throw new ForbiddenException("only admins and the matter's owner may edit its workflows");
        }
    }
}
